package io.anchang.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import java.time.Duration;

/**
 * The web application's files. The libraries ({@code /assets/lib/<name>/<version>/…}, from
 * the WebJars) never change under an address, so the browser keeps them a year without
 * asking; the application's own files ({@code /assets/…}) are asked for again on every load
 * and answered 304 when unchanged, so a new release shows at once.
 */
@Configuration(proxyBeanMethods = false)
public class WebAppResources implements WebFluxConfigurer {

    private final WebAppFiles files;

    public WebAppResources(WebAppFiles files) {
        this.files = files;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/lib/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(files.location("assets/"))
                .setCacheControl(CacheControl.noCache());
        registry.addResourceHandler("/favicon.ico")
                .addResourceLocations(files.location(""))
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)));
    }
}
