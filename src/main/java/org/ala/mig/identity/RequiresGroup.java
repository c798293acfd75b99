package org.ala.mig.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler (or every handler of a controller) that only members of one of these groups may
 * call; anybody else who is signed in gets 403, and an anonymous caller is asked to sign in.
 * Without it, any signed-in caller may call. Spring Security enforces it before the handler runs
 * ({@code security.RequiresGroupAuthorization}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresGroup {
  MigGroup[] value();

  /**
   * Whether the organizers of the MIG named by the path variable {@code id} may call too (signed
   * in with a link): an organizer acts for their own MIGs and no other.
   */
  boolean orOrganizersOfMig() default false;
}
