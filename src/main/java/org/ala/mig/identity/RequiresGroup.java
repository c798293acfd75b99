package org.ala.mig.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API method (or every method of a controller) that only members of one of these groups may
 * call; anybody else who is signed in gets 403. Without it, any signed-in user may call.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresGroup {
  MigGroup[] value();
}
