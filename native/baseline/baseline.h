/* Shared pieces of edgebench-baseline (baseline.c) and its two runtime drivers (tflite.c, onnx.c). */
#pragma once
#include <stddef.h>

/* One inference; returns 0 on success. */
typedef int (*eb_call_fn)(void *ctx);

int eb_time_calls(const char *runtime, int threads, int runs, int warmup, eb_call_fn call, void *ctx);
void eb_fill(void *data, size_t bytes, int is_float32);
void *eb_open(const char *lib);
/* dlsym that reports a missing symbol on stderr and counts it in *missing. */
void *eb_symbol(void *handle, const char *name, int *missing);

int eb_tflite(const char *lib, const char *model, int threads, int runs, int warmup, int xnnpack);
int eb_onnx(const char *lib, const char *model, int threads, int runs, int warmup);
