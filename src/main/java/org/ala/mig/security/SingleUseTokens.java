package org.ala.mig.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's {@link JdbcOneTimeTokenService}, made single-use under concurrency: its
 * {@code consume} reads the token and then deletes it, so two requests with the same link at the
 * same moment could both read it. Here the token's row is locked first, in the same transaction,
 * and the second request finds it gone.
 */
class SingleUseTokens implements OneTimeTokenService {

  private final JdbcOneTimeTokenService tokens;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  SingleUseTokens(JdbcOneTimeTokenService tokens, JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.tokens = tokens;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  @Override
  public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
    return tokens.generate(request);
  }

  @Override
  public OneTimeToken consume(OneTimeTokenAuthenticationToken authenticationToken) {
    String value = authenticationToken.getTokenValue();
    if (value == null || value.length() > 36) {
      return null;
    }
    return transaction.execute(status -> {
      jdbc.queryForList("select token_value from one_time_tokens where token_value = ? for update", String.class, value);
      return tokens.consume(authenticationToken);
    });
  }
}
