package org.ala.mig;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** MIG Lifecycle: the ALA Membership Initiative Group lifecycle on Camunda 7. */
@SpringBootApplication
@EnableProcessApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MigApplication {

  public static void main(String[] args) {
    SpringApplication.run(MigApplication.class, args);
  }
}
