# syntax=docker/dockerfile:1
#
# One image per service, from one Dockerfile: the module is a build argument.
#
#   ./mvnw -B -ntp package -DskipTests
#   docker build --build-arg MODULE=gateway -t anchang/gateway:0.1.0 .
#
# MODULE is one of gateway, reception-service, customer-service, deal-service,
# finance-service, reporting-service. The image holds the module's Spring Boot jar split
# into its layers (dependencies change rarely, the application on every build), runs as
# a non-root user, sizes its heap from the container's memory limit and stops gracefully
# within the pod's grace period (README, Deployment).

# Pinned by version: the same JRE in every build of the same commit.
ARG JRE_IMAGE=eclipse-temurin:17.0.16_8-jre-noble

FROM ${JRE_IMAGE} AS layers
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-*-exec.jar application.jar
# Spring Boot's layered jar: dependencies, spring-boot-loader, snapshot-dependencies, application
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
ARG MODULE
LABEL org.opencontainers.image.title="anchang-${MODULE}" \
      org.opencontainers.image.source="Dockerfile of the Anchang repository"
# A user of its own, no login, no home to write to; the pod runs it with a read-only root
# file system and gives it /tmp as an emptyDir.
RUN groupadd --system --gid 10001 anchang \
 && useradd --system --uid 10001 --gid anchang --no-create-home --shell /usr/sbin/nologin anchang
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# Heap from the container's memory limit (75% would leave too little for metaspace,
# threads and Netty's direct buffers at a 768 MiB limit); die on OOM so the pod restarts.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:InitialRAMPercentage=30.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    PORT=8080 \
    MANAGEMENT_PORT=9090
EXPOSE 8080 9090
# exec form: java is PID 1 and receives SIGTERM itself; Spring Boot then shuts down
# gracefully (in-flight requests finish, the relay lets go of its lease) within
# spring.lifecycle.timeout-per-shutdown-phase, which the pod's grace period exceeds.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
