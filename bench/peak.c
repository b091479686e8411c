/*
 * peak.c - run a command and write its own peak resident set size, for
 * `make bench`. The bench is a Python process that holds large reports;
 * a child it starts directly inherits its parent's memory until exec, and
 * Linux keeps the larger of the two high-water marks as the child's
 * ru_maxrss, so every command run after a big report read as using at
 * least what the bench itself held. This small program is the parent of
 * the measured command instead: what wait4 reports for it is its own.
 *
 * Usage: peak FILE COMMAND [ARG...]. Writes the command's peak RSS in
 * kilobytes to FILE and exits with the command's exit code (128 + signal
 * when it was killed, 127 when it could not be started).
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: peak FILE COMMAND [ARG...]\n", stderr);
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("peak: fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("peak: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("peak: wait4");
        return 127;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
        perror(argv[1]);
        return 127;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
