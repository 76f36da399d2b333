package io.ringback.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class PhoneNumberConfiguration {

    @Bean
    PhoneNumbers phoneNumbers(PhoneProperties properties, JdbcClient jdbc) {
        return new PhoneNumbers(properties.defaultRegion(), new MaskKey(jdbc));
    }
}
