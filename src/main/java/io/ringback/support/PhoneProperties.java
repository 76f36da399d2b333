package io.ringback.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How phone numbers are read.
 *
 * @param defaultRegion ISO 3166 region of numbers written without a country code (the country of the contact center), e.g. {@code BR}
 */
@ConfigurationProperties("ringback.phone")
public record PhoneProperties(@DefaultValue("BR") String defaultRegion) {}
