/**
 * Leak response (issue 19): {@link dev.tokenkit.servlet.leaks.SecretScanningServlet} receives GitHub's secret
 * scanning partner program reports, checks their ECDSA P-256 signature against {@link
 * dev.tokenkit.servlet.leaks.SecretScanningKeys} and revokes (or disables) every reported live TokenKit token through
 * {@link dev.tokenkit.TokenService#reportLeak}.
 */
package dev.tokenkit.servlet.leaks;
