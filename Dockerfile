# syntax=docker/dockerfile:1
#
# The MIG Lifecycle image (docs/operations.md, "Container image"):
#   docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD) -t mig-lifecycle .
#   docker run -p 8080:8080 mig-lifecycle                      # demo data on H2, inside the container
#   docker compose up --build                                  # with PostgreSQL and Mailpit (docker-compose.yml)
#
# Two stages:
#   build    the JDK runs the Maven wrapper (dependencies cached across builds in a BuildKit cache
#            mount) and extracts the jar in layers, as scripts/fast-start does;
#   runtime  the matching JRE (same Temurin release, so the class data archive fits its JVM) with
#            only the extracted application and its class data sharing (CDS) archive, trained here
#            at build time by a start that stops once the Spring context is up; runs as uid 10001.
# Base images are pinned by their full Temurin version tag and by the digest of that tag's
# multi-platform index; to update, change both (the tags' digests are listed on Docker Hub).
# ContainerImageIT runs the commands below (extract, train, start, health check) as plain processes.

FROM eclipse-temurin:17.0.20.1_1-jdk-jammy@sha256:60fcdd4a85c94a23ef86d0d55867c6a8dbc4f7c3efc8286e259956c3ea4ef08c AS build
WORKDIR /build
# the Maven build runs `npm ci` for the diagram viewer (package-lock.json, pom.xml): Ubuntu's Node.js
# and npm (npm 8 reads the lockfile's version 3)
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
COPY bpmn/ bpmn/
COPY forms/ forms/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package \
 && set -- target/mig-lifecycle-*.jar && [ "$#" -eq 1 ] && cp "$1" app.jar
# the jar in layers (dependencies, loader, snapshot dependencies, application): together they
# are app.jar with its libraries beside it in lib/, the layout scripts/fast-start starts from
RUN ["java", "-Djarmode=tools", "-jar", "app.jar", "extract", "--layers", "--destination", "extracted"]

FROM eclipse-temurin:17.0.20.1_1-jre-jammy@sha256:97137382c6f0c30427d9b7c44ad8b2d55ac823b0768c171d81a643ed219023c5
RUN groupadd --system --gid 10001 mig \
 && useradd --system --uid 10001 --gid mig --home-dir /app --no-create-home --shell /usr/sbin/nologin mig
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# the class data archive: a training start (demo data, in-memory H2, no ports) that exits once the
# Spring context is refreshed and writes the classes it loaded to app.jsa (as scripts/fast-start)
RUN ["java", "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxRAMPercentage=75", "-XX:ArchiveClassesAtExit=app.jsa", "-Dspring.context.exit=onRefresh", "-jar", "app.jar", "--spring.profiles.active=demo", "--server.port=0", "--mig.mail.embedded.port=0", "--spring.datasource.url=jdbc:h2:mem:cds-training"]
# ./data: the embedded H2 database of a plain `docker run` (profile demo); the only place the
# application writes (mount a volume there to keep it)
RUN mkdir data && chown 10001:10001 data

# the git commit of the source, for /actuator/info where the build context has no .git:
#   docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD) .
# MIG_GIT_COMMIT carries it as it is; git.properties (Spring Boot's git info, read from
# spring.info.git.location) is written only when it is given
ARG GIT_COMMIT=
RUN if [ -n "$GIT_COMMIT" ]; then printf 'git.commit.id=%s\n' "$GIT_COMMIT" > git.properties; fi
# the liveness and readiness probes (/actuator/health/liveness, /actuator/health/readiness) are on
# in the image whatever application.yaml says, for the HEALTHCHECK below
ENV MIG_GIT_COMMIT=${GIT_COMMIT} \
    SPRING_INFO_GIT_LOCATION=file:/app/git.properties \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true

USER 10001:10001
EXPOSE 8080
# curl is part of the Temurin base image (Ubuntu); the port follows PORT like server.port does
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-8080}/actuator/health/readiness" || exit 1
# the archive and the extracted jar, as scripts/fast-start starts them; arguments after the image
# name go to the application (e.g. --spring.profiles.active=prod,postgres); more JVM options (a
# heap limit, say) through JAVA_TOOL_OPTIONS. The memory options are scripts/fast-start's, with
# three quarters of the container's memory limit for the heap, and the same as the training
# start's, so that the archive fits (docs/performance.md, B4)
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=app.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "app.jar"]
