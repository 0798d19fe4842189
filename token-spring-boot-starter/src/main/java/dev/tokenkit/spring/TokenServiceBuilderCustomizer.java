package dev.tokenkit.spring;

import dev.tokenkit.TokenService;

/**
 * Adjusts the {@link TokenService.Builder} the starter configures from the {@code tokenkit.*} properties, for
 * settings without a property (host roles, extra hashers, audit listeners, a clock). Declare beans of this type;
 * they run in {@code @Order} order, after the properties are applied.
 *
 * <pre>{@code
 * @Bean
 * TokenServiceBuilderCustomizer roles() {
 *   return builder -> builder.role(Role.of("ORDERS_CLERK", AccessGrants.of(Map.of("orders", AccessLevel.FULL))));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TokenServiceBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder; never {@code null}
   */
  void customize(TokenService.Builder builder);
}
