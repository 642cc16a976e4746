# One image recipe for every service: docker build --build-arg MODULE=origination-service .
# The build stage is the same for all five, so it is built once and cached for the others.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q package -DskipTests \
        -pl authorization-server,bank-simulator,origination-service,bank-gateway-service,notification-service -am

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 loanflow
ARG MODULE
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/app.jar
USER loanflow
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
