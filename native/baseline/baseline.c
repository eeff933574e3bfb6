/* edgebench-baseline: the no-JVM yardstick of `edgebench calibrate` and bench/suite.sh.
 *
 * Runs a model through the very native library the jar carries (bytedeco's libjnitensorflowlite.so exports the
 * plain TFLite C API; ONNX Runtime's libonnxruntime.so its C API), opened with dlopen at run time so that this
 * program needs no headers or link-time copies of either runtime, and times only the inference call, like the
 * worker's timed loop: inputs filled once before the loop, one clock reading on each side of the call.
 *
 *   edgebench-baseline tflite LIB MODEL THREADS RUNS WARMUP builtin|xnnpack [warmup_s=S]
 *   edgebench-baseline onnx   LIB MODEL THREADS RUNS WARMUP [spinning=0|1] [warmup_s=S]
 *   edgebench-baseline tflite-reference LIB MODEL INPUT_DIR OUT_DIR
 *   edgebench-baseline onnx-reference   LIB MODEL INPUT_DIR OUT_DIR
 *
 * Warm-up is the worker's: one first inference, then until WARMUP runs and warmup_s seconds (default 0) are both
 * reached. spinning defaults to 1, ONNX Runtime's own default. Percentiles are nearest-rank (the smallest sample
 * with at least p % of the samples at or below it), the definition LatencyStats and the bench scripts use, so that
 * an even run count cannot hand one side the upper middle sample and the other the lower one.
 *
 * Prints one line: "baseline runtime=... threads=N spinning=S warmup_runs=N warmup_s=S runs=N median_us=...
 * min_us=... p90_us=..." and exits 0; on any failure a message on stderr and exit 2 (bad usage 64).
 *
 * The -reference modes time nothing: they write a reference set for `edgebench compare --reference OUT_DIR` from a
 * model with one float32 input, one inference per INPUT_DIR/NAME.npy (format 1.0, '<f4', C order, the input's exact
 * shape), on one thread with TFLite's builtin kernels or ONNX Runtime's CPU provider (reference.c has the layout).
 * OUT_DIR must not exist yet. Prints "reference samples=N outputs=N dir=OUT_DIR" and exits 0; failures as above.
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

/* Nearest-rank percentile of n sorted samples: the ceil(p/100 * n)-th smallest (LatencyStats.rank, Resolution.rank). */
static double nearest_rank(const double *sorted, int n, double percent) {
  double x = percent / 100.0 * n - 1e-9;
  long r = (long)x;
  if ((double)r < x) r++; /* ceil without libm */
  if (r < 1) r = 1;
  if (r > n) r = n;
  return sorted[r - 1];
}

/* Shared by both runtimes: the worker's warm-up (first inference, then warmup_runs and warmup_s), then RUNS timed
 * calls; prints the result line. */
int eb_time_calls(const char *runtime, const struct eb_plan *plan, eb_call_fn call, void *ctx) {
  int runs = plan->runs;
  double *samples = malloc(sizeof(double) * (size_t)runs);
  if (!samples) {
    fprintf(stderr, "edgebench-baseline: out of memory for %d samples\n", runs);
    return 2;
  }
  if (call(ctx)) goto fail; /* the worker's first inference, reported apart from the warm-up */
  double begin = now_us();
  for (int done = 0; done < plan->warmup_runs || now_us() - begin < plan->warmup_s * 1e6; done++) {
    if (call(ctx)) goto fail;
  }
  for (int i = 0; i < runs; i++) {
    double start = now_us();
    int failed = call(ctx);
    double end = now_us();
    if (failed) goto fail;
    samples[i] = end - start;
  }
  qsort(samples, (size_t)runs, sizeof(double), by_value);
  printf("baseline runtime=%s threads=%d spinning=%d warmup_runs=%d warmup_s=%.3f runs=%d median_us=%.2f min_us=%.2f"
         " p90_us=%.2f\n", runtime, plan->threads, plan->spinning, plan->warmup_runs, plan->warmup_s, runs,
         nearest_rank(samples, runs, 50), samples[0], nearest_rank(samples, runs, 90));
  free(samples);
  return 0;
fail:
  free(samples);
  return 2;
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

/* Optional KEY=VALUE arguments after the fixed ones: warmup_s (0..3600) and spinning (0|1). */
static int options(int argc, char **argv, int first, struct eb_plan *plan) {
  for (int i = first; i < argc; i++) {
    char *end;
    if (!strncmp(argv[i], "warmup_s=", 9)) {
      plan->warmup_s = strtod(argv[i] + 9, &end);
      if (*end || end == argv[i] + 9 || !(plan->warmup_s >= 0 && plan->warmup_s <= 3600)) {
        fprintf(stderr, "edgebench-baseline: warmup_s [%s] must be 0..3600 seconds\n", argv[i] + 9);
        return -1;
      }
    } else if (!strcmp(argv[i], "spinning=0") || !strcmp(argv[i], "spinning=1")) {
      plan->spinning = argv[i][9] == '1';
    } else {
      fprintf(stderr, "edgebench-baseline: option [%s] must be warmup_s=SECONDS or spinning=0|1\n", argv[i]);
      return -1;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  int reference = argc > 1 && (!strcmp(argv[1], "tflite-reference") || !strcmp(argv[1], "onnx-reference"));
  if (reference ? argc != 6 : argc < 7) {
    fprintf(stderr, "usage: %s tflite LIB MODEL THREADS RUNS WARMUP builtin|xnnpack [warmup_s=S]\n"
                    "       %s onnx   LIB MODEL THREADS RUNS WARMUP [spinning=0|1] [warmup_s=S]\n"
                    "       %s tflite-reference|onnx-reference LIB MODEL INPUT_DIR OUT_DIR\n",
            argv[0], argv[0], argv[0]);
    return 64;
  }
  if (reference) {
    return argv[1][0] == 't' ? eb_tflite_reference(argv[2], argv[3], argv[4], argv[5])
                             : eb_onnx_reference(argv[2], argv[3], argv[4], argv[5]);
  }
  struct eb_plan plan = {positive(argv[4], "THREADS", 1), positive(argv[5], "RUNS", 1),
                         positive(argv[6], "WARMUP", 0), 0.0, 1};
  if (plan.threads < 0 || plan.runs < 0 || plan.warmup_runs < 0) return 64;
  if (!strcmp(argv[1], "tflite")) {
    const char *mode = argc > 7 ? argv[7] : "xnnpack";
    if (strcmp(mode, "builtin") && strcmp(mode, "xnnpack")) {
      fprintf(stderr, "edgebench-baseline: mode [%s] must be builtin or xnnpack\n", mode);
      return 64;
    }
    if (options(argc, argv, 8, &plan)) return 64;
    return eb_tflite(argv[2], argv[3], &plan, !strcmp(mode, "xnnpack"));
  }
  if (!strcmp(argv[1], "onnx")) {
    if (options(argc, argv, 7, &plan)) return 64;
    return eb_onnx(argv[2], argv[3], &plan);
  }
  fprintf(stderr, "edgebench-baseline: mode [%s] must be tflite, onnx, tflite-reference or onnx-reference\n", argv[1]);
  return 64;
}
