/*
 * A stand-in java.exe for the Windows zip's test (app WindowsZipIT): "java -version" prints the version in
 * FAKE_JAVA_VERSION the way a JDK does (on stderr); any other call prints its arguments, one per line, in [].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "-version") == 0) {
        const char *version = getenv("FAKE_JAVA_VERSION");
        fprintf(stderr, "openjdk version \"%s\" 2024-01-16\nOpenJDK Runtime Environment (build %s)\n",
                version ? version : "17.0.10", version ? version : "17.0.10");
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        printf("[%s]\n", argv[i]);
    }
    return 0;
}
