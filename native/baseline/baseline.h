/* Shared pieces of edgebench-baseline (baseline.c) and its two runtime drivers (tflite.c, onnx.c). */
#pragma once
#include <stddef.h>

/* One inference; returns 0 on success. */
typedef int (*eb_call_fn)(void *ctx);

/* What to run, from the command line; the same meaning as the worker's BenchParams fields of the same names. */
struct eb_plan {
  int threads, runs, warmup_runs;
  double warmup_s; /* warm-up lasts until warmup_runs AND warmup_s are both reached, as in the worker */
  int spinning;    /* ONNX Runtime session.intra_op.allow_spinning; ignored by TFLite */
};

int eb_time_calls(const char *runtime, const struct eb_plan *plan, eb_call_fn call, void *ctx);
void eb_fill(void *data, size_t bytes, int is_float32);
void *eb_open(const char *lib);
/* dlsym that reports a missing symbol on stderr and counts it in *missing. */
void *eb_symbol(void *handle, const char *name, int *missing);

int eb_tflite(const char *lib, const char *model, const struct eb_plan *plan, int xnnpack);
int eb_onnx(const char *lib, const char *model, const struct eb_plan *plan);
