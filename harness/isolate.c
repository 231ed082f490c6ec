/* isolate.c: run one candidate in a child process with a time limit, so a crash, an
 * illegal instruction or a hang is that candidate's failure and the tune goes on. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tune.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int mha_isolated(int (*fn)(void *ctx, int fd), void *ctx, double timeout_s, char *buf, size_t n,
                 char *status, size_t slen, char *note, size_t nlen) {
  int p[2];
  buf[0] = 0;
  note[0] = 0;
  if (pipe(p) != 0) {
    snprintf(status, slen, "error");
    snprintf(note, nlen, "pipe: %s", strerror(errno));
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(p[0]);
    close(p[1]);
    snprintf(status, slen, "error");
    snprintf(note, nlen, "fork: %s", strerror(errno));
    return -1;
  }
  if (pid == 0) {
    close(p[0]);
    int rc = fn(ctx, p[1]);
    close(p[1]);
    _exit(rc == 0 ? 0 : 3);
  }
  close(p[1]);
  size_t got = 0;
  int timed_out = 0;
  double end = now() + timeout_s;
  for (;;) {
    double left = end - now();
    if (left <= 0) {
      timed_out = 1;
      break;
    }
    struct pollfd pf = {p[0], POLLIN, 0};
    int r = poll(&pf, 1, (int)(left * 1000) + 1);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;
    char tmp[4096];
    ssize_t k = read(p[0], tmp, sizeof tmp);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break; /* EOF: the child closed its end or exited */
    size_t c = (size_t)k < n - 1 - got ? (size_t)k : n - 1 - got;
    memcpy(buf + got, tmp, c);
    got += c;
  }
  buf[got] = 0;
  close(p[0]);
  if (timed_out) kill(pid, SIGKILL);
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    snprintf(status, slen, "timeout");
    snprintf(note, nlen, "no answer within %.0f s; killed", timeout_s);
    return -1;
  }
  if (WIFSIGNALED(ws)) {
    snprintf(status, slen, "crash");
    snprintf(note, nlen, "signal %d (%s)", WTERMSIG(ws), strsignal(WTERMSIG(ws)));
    return -1;
  }
  if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
    snprintf(status, slen, "error");
    snprintf(note, nlen, "%s", buf[0] ? buf : "child failed");
    return -1;
  }
  return 0;
}
