/* Shared pieces of edgebench-baseline (baseline.c, reference.c) and its two runtime drivers (tflite.c, onnx.c). */
#pragma once
#include <stddef.h>
#include <stdint.h>

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

/* Reference mode (reference.c): one inference per INPUT_DIR/NAME.npy, written as a reference set in OUT_DIR. */
#define EB_MAX_OUTPUTS 16
#define EB_MAX_RANK 8
struct eb_output {
  const char *name; /* owned by the runtime, alive until exit */
  int rank;
  int64_t dims[EB_MAX_RANK];
  size_t count;  /* elements in values */
  float *values; /* float32, dequantized when the output is quantized */
};
struct eb_model {
  int input_rank; /* the model's only input: float32 of this shape */
  int64_t input_dims[EB_MAX_RANK];
  size_t input_count;
  size_t outputs;
  struct eb_output out[EB_MAX_OUTPUTS];
  int (*infer)(struct eb_model *m, const float *input); /* one sample into out[]; 0 on success */
  void *ctx;
};
int eb_reference(struct eb_model *m, const char *input_dir, const char *out_dir);
/* out->values sized for count elements (at most what a reference file holds); NULL after a message. */
float *eb_output_values(struct eb_output *out, size_t count);

int eb_tflite_reference(const char *lib, const char *model, const char *input_dir, const char *out_dir);
int eb_onnx_reference(const char *lib, const char *model, const char *input_dir, const char *out_dir);
