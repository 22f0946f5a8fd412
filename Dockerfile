# syntax=docker/dockerfile:1
# Gateway: docker build -t gateway . && docker run --rm -p 8080:8080 -p 5020:5020 -p 1883:1883 gateway
# See docs/docker.md for configuration (mounted file or environment variables) and volumes.

# --- build: restore (cached while no project file changes), then publish ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Gateway.Core/Gateway.Core.csproj src/Gateway.Core/
COPY src/Gateway.Formats/Gateway.Formats.csproj src/Gateway.Formats/
COPY src/Gateway.Converters/Gateway.Converters.csproj src/Gateway.Converters/
COPY src/Gateway.Transports/Gateway.Transports.csproj src/Gateway.Transports/
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/Gateway.csproj
COPY src/ src/
RUN dotnet publish src/Gateway/Gateway.csproj -c Release --no-restore -o /app -p:UseAppHost=false -p:DebugType=none

# --- runtime: ASP.NET Core image, non-root ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY samples/configs/docker.json /etc/gateway/gateway.json

# Relative paths in the configuration (data/out, data/dead-letters, the durable log data/buffer) land in the volume.
RUN mkdir -p /var/lib/gateway && chown "$APP_UID" /var/lib/gateway
VOLUME /var/lib/gateway
WORKDIR /var/lib/gateway

# HTTP on 8080; the image's configuration (samples/configs/docker.json) has its TCP input and embedded MQTT broker
# listen on every interface. Mount another file over /etc/gateway/gateway.json (or point GATEWAY_CONFIG elsewhere),
# or override single keys with environment variables such as Gateway__Sinks__file__Folder=/var/lib/gateway/out.
# No Gateway__ variable is set here: it would outrank every key of a mounted file.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    GATEWAY_CONFIG=/etc/gateway/gateway.json
EXPOSE 8080 5020 1883

USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["dotnet", "/app/gateway.dll", "health", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "/app/gateway.dll"]
