package io.anchang.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.resource.PathResourceResolver;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The web application's files. The libraries ({@code /assets/lib/<name>/<version>/…}, from
 * the WebJars) never change under an address, so the browser keeps them a year without
 * asking; the application's own files ({@code /assets/…}) are asked for again on every load
 * and answered 304 when unchanged, so a new release shows at once.
 *
 * <p>The application's own files are streamed, not handed to the kernel with sendfile: read
 * from a folder (the source folder in development, an unpacked build), a zero-copy transfer
 * of a module to Chromium, which loads some thirty of them at once, now and then never
 * completed, and the page hung on its loading screen.
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
                .setCacheControl(CacheControl.noCache())
                .resourceChain(false).addResolver(new Streamed());
        registry.addResourceHandler("/favicon.ico")
                .addResourceLocations(files.location(""))
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                .resourceChain(false).addResolver(new Streamed());
    }

    /** Resolves as usual, but answers each file as a stream of its bytes (never as a file for sendfile). */
    static final class Streamed extends PathResourceResolver {

        @Override
        protected Mono<Resource> getResource(String resourcePath, Resource location) {
            return super.getResource(resourcePath, location).map(NotAFile::new);
        }
    }

    /** A file's content, length and date, without saying it is a file. */
    static final class NotAFile extends AbstractResource {

        private final Resource file;

        NotAFile(Resource file) {
            this.file = file;
        }

        @Override
        public boolean exists() {
            return file.exists();
        }

        @Override
        public boolean isReadable() {
            return file.isReadable();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return file.getInputStream();
        }

        @Override
        public long contentLength() throws IOException {
            return file.contentLength();
        }

        @Override
        public long lastModified() throws IOException {
            return file.lastModified();
        }

        @Override
        public String getFilename() {
            return file.getFilename();
        }

        @Override
        public String getDescription() {
            return file.getDescription();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NotAFile that && that.file.equals(file);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }
    }
}
