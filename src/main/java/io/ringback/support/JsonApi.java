package io.ringback.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON, and says so before it does anything: a request to {@code /api/**} whose
 * {@code Content-Type} is not a media type (or a wildcard such as {@code *}{@code /*}, which Spring MVC
 * cannot read a body with) is a {@code 415} problem, one whose {@code Accept} admits no JSON a {@code 406}
 * problem — both before the controller runs, so that a request refused for its headers has changed nothing
 * (without this a {@code PUT} with {@code Accept: text/event-stream} saved the agent and then answered 406).
 */
@Configuration(proxyBeanMethods = false)
class JsonApi implements WebMvcConfigurer, HandlerInterceptor {

    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    /**
     * An instant in a query parameter ({@code from}, {@code to}) is ISO-8601 — {@code 2026-12-01T10:00:00Z}
     * or with an offset — and nothing else: Spring's own formatter also takes a string of digits as epoch
     * milliseconds ({@code from=6} was 1970-01-01T00:00:00.006Z). An empty one is no value, as before.
     */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, text -> text.isEmpty() ? null : Instant.parse(text));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException, HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        String contentType = request.getContentType();
        if (contentType != null) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                throw new HttpMediaTypeNotSupportedException("Content-Type is not a media type");
            }
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON));
            }
        }
        List<String> accept = java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (!accept.isEmpty()) {
            List<MediaType> acceptable;
            try {
                acceptable = MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                throw new HttpMediaTypeNotAcceptableException(ANSWERS);
            }
            boolean json = acceptable.isEmpty() || acceptable.stream().anyMatch(a -> a.getQualityValue() > 0
                    && ANSWERS.stream().anyMatch(a::isCompatibleWith));
            if (!json) {
                throw new HttpMediaTypeNotAcceptableException(ANSWERS);
            }
        }
        return true;
    }
}
