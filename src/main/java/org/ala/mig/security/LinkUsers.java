package org.ala.mig.security;

import org.ala.mig.signin.LinkIdentity;
import org.ala.mig.signin.SignInLinks;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Who a sign-in link makes of its address (after Spring Security's one-time-token login has
 * consumed the token): an organizer, a member, or both. An address that is neither any more gets
 * no session.
 */
class LinkUsers implements UserDetailsService {

  /** The principal of a link session: not an engine user, and no password. */
  static final class LinkUser extends User {
    private static final long serialVersionUID = 1L;

    LinkUser(LinkIdentity identity) {
      super(identity.email(), "", identity.groups().stream().map(SimpleGrantedAuthority::new).toList());
    }
  }

  private final SignInLinks links;

  LinkUsers(SignInLinks links) {
    this.links = links;
  }

  @Override
  public UserDetails loadUserByUsername(String email) {
    return links.identify(email).map(LinkUser::new)
        .orElseThrow(() -> new UsernameNotFoundException("no organizer or member in good standing with this address"));
  }
}
