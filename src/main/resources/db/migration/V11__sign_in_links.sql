-- Sign-in links for organizers and members (step 10): Spring Security's JdbcOneTimeTokenService
-- keeps its tokens here, so that a link mailed by one node signs in on any other. Its own schema
-- has room for a user name of 50 characters; ours are email addresses, of up to 254.
create table one_time_tokens (
  token_value varchar(36)  not null primary key,
  username    varchar(254) not null,
  expires_at  timestamp    not null
);

create index one_time_tokens_expiry on one_time_tokens (expires_at);
