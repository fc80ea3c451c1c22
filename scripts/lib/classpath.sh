# Sourced by the benchmark and load scripts: the class path of a module's test mains, from one reactor build (never
# `mvn install`; each module writes its own target/bench.classpath).
#   cp="$(module_classpath MODULE [MAVEN_ARGS...])"
# MAVEN_ARGS default to "-pl MODULE -am test-compile"; SKIP_BUILD=1 reuses the last build (several runs in a row).
# Prints MODULE's test classes, its classes and its test-scope dependencies, as absolute paths.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

module_classpath() {
    local module="$1"
    shift
    local build=("$@")
    [ ${#build[@]} -gt 0 ] || build=(-pl "$module" -am test-compile)
    if [ -z "${SKIP_BUILD:-}" ]; then
        mvn -B -q -ntp -f "$root/pom.xml" "${build[@]}" dependency:build-classpath \
            -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null \
            || { echo "The build failed: run mvn ${build[*]} to see why." >&2; return 1; }
    fi
    printf '%s' "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/bench.classpath")"
}

# Runs one of the server's benchmark mains (server/src/test/java/io/stereospot/server/bench/) on its class path:
#   server_bench CLASS [ARGS...]      (BENCH_JAVA_OPTS adds JVM options)
server_bench() {
    local main="$1"
    shift
    local cp
    cp="$(module_classpath server)"
    exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -Dlogback.configurationFile="$root/server/src/test/resources/logback-bench.xml" \
        -cp "$cp" "io.stereospot.server.bench.$main" "$@"
}
