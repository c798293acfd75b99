package org.ala.mig.mail;

import java.util.Properties;
import org.ala.mig.common.MigProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Without spring.mail.host the application starts its embedded SMTP server and sends there;
 * with it, Spring Boot's mail auto-configuration sends to that server. Either way the timeouts
 * of spring.mail.properties (connect, read, write) apply: no SMTP call waits forever.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class MailServerConfiguration {

  @Bean(initMethod = "start", destroyMethod = "stop")
  EmbeddedSmtpServer embeddedSmtpServer(MigProperties properties) {
    return new EmbeddedSmtpServer(properties.mail().embedded().host(), properties.mail().embedded().port());
  }

  @Bean
  JavaMailSenderImpl embeddedMailSender(EmbeddedSmtpServer server, MailProperties mail) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(server.host());
    sender.setPort(server.port());
    sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    Properties javaMail = new Properties();
    javaMail.putAll(mail.getProperties());
    sender.setJavaMailProperties(javaMail);
    return sender;
  }
}
