/* edgebench-baseline: the no-JVM yardstick of `edgebench calibrate` and bench/suite.sh.
 *
 * Runs a model through the very native library the jar carries (bytedeco's libjnitensorflowlite.so exports the
 * plain TFLite C API; ONNX Runtime's libonnxruntime.so its C API), opened with dlopen at run time so that this
 * program needs no headers or link-time copies of either runtime, and times only the inference call, like the
 * worker's timed loop: inputs filled once before the loop, one clock reading on each side of the call.
 *
 *   edgebench-baseline tflite LIB MODEL THREADS RUNS WARMUP builtin|xnnpack
 *   edgebench-baseline onnx   LIB MODEL THREADS RUNS WARMUP
 *
 * Prints one line: "baseline runtime=... threads=N runs=N median_us=... min_us=... p90_us=..." and exits 0;
 * on any failure a message on stderr and exit 2 (bad usage 64).
 */

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baseline.h"

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Shared by both runtimes: WARMUP untimed calls, then RUNS timed ones; prints the result line. */
int eb_time_calls(const char *runtime, int threads, int runs, int warmup, eb_call_fn call, void *ctx) {
  double *samples = malloc(sizeof(double) * (size_t)runs);
  if (!samples) {
    fprintf(stderr, "edgebench-baseline: out of memory for %d samples\n", runs);
    return 2;
  }
  for (int i = -warmup; i < runs; i++) {
    double start = now_us();
    int failed = call(ctx);
    double end = now_us();
    if (failed) {
      free(samples);
      return 2;
    }
    if (i >= 0) samples[i] = end - start;
  }
  qsort(samples, (size_t)runs, sizeof(double), by_value);
  printf("baseline runtime=%s threads=%d runs=%d median_us=%.2f min_us=%.2f p90_us=%.2f\n", runtime, threads, runs,
         samples[runs / 2], samples[0], samples[(runs * 9) / 10]);
  free(samples);
  return 0;
}

/* Fills a tensor buffer once: a ramp in [-1, 1) for float32, a byte ramp for everything else. */
void eb_fill(void *data, size_t bytes, int is_float32) {
  if (is_float32) {
    float *f = data;
    for (size_t i = 0; i < bytes / sizeof(float); i++) f[i] = (float)(i % 200) / 100.0f - 1.0f;
  } else {
    unsigned char *b = data;
    for (size_t i = 0; i < bytes; i++) b[i] = (unsigned char)(i % 251);
  }
}

void *eb_open(const char *lib) {
  void *handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (!handle) fprintf(stderr, "edgebench-baseline: cannot load [%s]: %s\n", lib, dlerror());
  return handle;
}

void *eb_symbol(void *handle, const char *name, int *missing) {
  void *sym = dlsym(handle, name);
  if (!sym) {
    fprintf(stderr, "edgebench-baseline: symbol [%s] not exported; is this the library the jar carries?\n", name);
    (*missing)++;
  }
  return sym;
}

static int positive(const char *text, const char *what, int min) {
  char *end;
  long v = strtol(text, &end, 10);
  if (*end || v < min || v > 10000000) {
    fprintf(stderr, "edgebench-baseline: %s [%s] must be an integer >= %d\n", what, text, min);
    return -1;
  }
  return (int)v;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: %s tflite LIB MODEL THREADS RUNS WARMUP builtin|xnnpack\n"
                    "       %s onnx   LIB MODEL THREADS RUNS WARMUP\n", argv[0], argv[0]);
    return 64;
  }
  int threads = positive(argv[4], "THREADS", 1), runs = positive(argv[5], "RUNS", 1);
  int warmup = positive(argv[6], "WARMUP", 0);
  if (threads < 0 || runs < 0 || warmup < 0) return 64;
  if (!strcmp(argv[1], "tflite")) {
    const char *mode = argc > 7 ? argv[7] : "xnnpack";
    if (strcmp(mode, "builtin") && strcmp(mode, "xnnpack")) {
      fprintf(stderr, "edgebench-baseline: mode [%s] must be builtin or xnnpack\n", mode);
      return 64;
    }
    return eb_tflite(argv[2], argv[3], threads, runs, warmup, !strcmp(mode, "xnnpack"));
  }
  if (!strcmp(argv[1], "onnx")) return eb_onnx(argv[2], argv[3], threads, runs, warmup);
  fprintf(stderr, "edgebench-baseline: runtime [%s] must be tflite or onnx\n", argv[1]);
  return 64;
}
