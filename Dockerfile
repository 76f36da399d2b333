# syntax=docker/dockerfile:1
#
# The Ringback orchestrator as a container image (docker-compose.yml builds it as service "ringback").
#   build stage:   Maven + Temurin 21 JDK, `mvn -B -DskipTests package` (the tests run in CI: mvn verify);
#                  -Dexec.skip=true skips the model lint gate of pom.xml (exec-maven-plugin, runs even
#                  with -DskipTests): neither Node nor its script are in the build; CI lints the models
#   runtime stage: Temurin 21 JRE, the Spring Boot jar, a non-root user
# Base image versions: docker-compose.yml passes MAVEN_IMAGE and JRE_IMAGE from .env; the defaults
# below are the same values, for a plain `docker build .`.

ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-21
ARG JRE_IMAGE=eclipse-temurin:21.0.10_7-jre-noble

FROM ${MAVEN_IMAGE} AS build
WORKDIR /workspace
# the project and the models the build packs into the jar (pom.xml: bpmn/ and dmn/ as resources)
COPY pom.xml ./
COPY bpmn ./bpmn
COPY dmn ./dmn
COPY src ./src
# the Maven repository is kept between builds (BuildKit cache), not in the image
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests -Dexec.skip=true package && \
    cp target/ringback-*.jar /workspace/ringback.jar

FROM ${JRE_IMAGE} AS runtime
# an unprivileged system user (no login shell, no home directory) runs the application
RUN groupadd --system --gid 10001 ringback && \
    useradd --system --uid 10001 --gid ringback --no-create-home --home-dir /app \
            --shell /usr/sbin/nologin ringback
WORKDIR /app
COPY --from=build /workspace/ringback.jar /app/ringback.jar
USER ringback:ringback
EXPOSE 8080
# exec form: java is PID 1 and receives SIGTERM (graceful shutdown of the job workers)
# a heap that starts at half the memory: fewer collections and no marking cycles under load (docs/operations.md)
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=50", "-XX:MaxRAMPercentage=75", "-jar", "/app/ringback.jar"]
