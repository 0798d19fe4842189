/**
 * Importing API keys from another system ({@link dev.tokenkit.imports.KeyImport}) so that integrations keep working
 * through a migration: plain text, unsalted SHA-256 or Argon2id with the key's own lookup prefix.
 */
package dev.tokenkit.imports;
