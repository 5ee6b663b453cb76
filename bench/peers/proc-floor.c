/*
 * The floor: the least a collector can do for the same attributes — a C program that reads the
 * same /proc files the same way ours does (stat, statm, io per process, files kept open and
 * re-read at offset 0; readdir of /proc per tick), parses the fields it needs, and nothing else.
 * One sample per line read on stdin; answers "<processes>\n".
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PID 4194304
typedef struct { int stat, statm, io; } Files;
static Files *files;
static char buf[8192];

static int open_kept(int pid, const char *name) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
  return open(path, O_RDONLY);
}

static long long sink;

static int read_at0(int fd) {
  if (fd < 0) return -1;
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return -1;
  buf[n] = 0;
  return (int)n;
}

static void parse_stat(void) {
  char *p = strrchr(buf, ')');
  if (!p) return;
  p += 2;
  long long v = 0; int field = 3;
  for (; *p && field <= 41; p++) {
    if (*p == ' ') { sink += v; v = 0; field++; }
    else if (*p >= '0' && *p <= '9') v = v * 10 + (*p - '0');
  }
}

static void parse_numbers(void) {
  long long v = 0;
  for (char *p = buf; *p; p++) {
    if (*p >= '0' && *p <= '9') v = v * 10 + (*p - '0');
    else { sink += v; v = 0; }
  }
}

int main(void) {
  files = calloc(MAX_PID, sizeof(Files));
  char line[16];
  while (fgets(line, sizeof line, stdin)) {
    DIR *d = opendir("/proc");
    struct dirent *e;
    int count = 0;
    while ((e = readdir(d))) {
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      int pid = atoi(e->d_name);
      if (pid <= 0 || pid >= MAX_PID) continue;
      Files *f = &files[pid];
      if (!f->stat) { f->stat = open_kept(pid, "stat"); f->statm = open_kept(pid, "statm"); f->io = open_kept(pid, "io"); }
      if (read_at0(f->stat) < 0) { close(f->stat); close(f->statm); close(f->io); f->stat = 0; continue; }
      parse_stat();
      if (read_at0(f->statm) > 0) parse_numbers();
      if (read_at0(f->io) > 0) parse_numbers();
      count++;
    }
    closedir(d);
    printf("%d\n", count);
    fflush(stdout);
  }
  return (int)(sink & 1);
}
