/*
 * Test-only: the minimal TensorFlow Lite C types a delegate needs, declared from the layout of TFLite 2.21's
 * tensorflow/lite/core/c/common.h (fields in header order; TFLite only ever appends to these structs).
 * TfliteLayoutTest compares offsets printed by tflite_layout.c against the bytedeco 2.21 build, so a drift fails
 * a test instead of corrupting memory. Note: TfLiteContext.GetTensor is NULL in full TFLite (TFLite Micro only).
 */
#ifndef EDGEBENCH_TFLITE_MIN_H
#define EDGEBENCH_TFLITE_MIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TfLiteStatus { kTfLiteOk = 0, kTfLiteError = 1 } TfLiteStatus;

typedef struct TfLiteIntArray {
    int size;
    int data[];
} TfLiteIntArray;

typedef struct TfLiteQuantizationParams {
    float scale;
    int32_t zero_point;
} TfLiteQuantizationParams;

typedef struct TfLiteQuantization {
    int type;
    void *params;
} TfLiteQuantization;

struct TfLiteContext;
struct TfLiteDelegate;
struct TfLiteRegistration;

typedef struct TfLiteTensor {
    int type;         /* TfLiteType */
    void *data;       /* TfLitePtrUnion: a union of pointers */
    TfLiteIntArray *dims;
    TfLiteQuantizationParams params;
    int allocation_type; /* TfLiteAllocationType */
    size_t bytes;
    const void *allocation;
    const char *name;
    struct TfLiteDelegate *delegate;
    int buffer_handle;
    bool data_is_stale;
    bool is_variable;
    TfLiteQuantization quantization;
    void *sparsity;
    const TfLiteIntArray *dims_signature;
} TfLiteTensor;

typedef struct TfLiteNode {
    TfLiteIntArray *inputs;
    TfLiteIntArray *outputs;
    TfLiteIntArray *intermediates;
    TfLiteIntArray *temporaries;
    void *user_data;
    void *builtin_data;
    const void *custom_initial_data;
    int custom_initial_data_size;
    struct TfLiteDelegate *delegate;
    bool might_have_side_effect;
} TfLiteNode;

typedef struct TfLiteRegistration {
    void *(*init)(struct TfLiteContext *context, const char *buffer, size_t length);
    void (*free)(struct TfLiteContext *context, void *buffer);
    TfLiteStatus (*prepare)(struct TfLiteContext *context, TfLiteNode *node);
    TfLiteStatus (*invoke)(struct TfLiteContext *context, TfLiteNode *node);
    const char *(*profiling_string)(const struct TfLiteContext *context, const TfLiteNode *node);
    int32_t builtin_code;
    const char *custom_name;
    int version;
    void *registration_external; /* TfLiteOperator* */
    void *(*async_kernel)(struct TfLiteContext *context, TfLiteNode *node);
    uint64_t inplace_operator;
} TfLiteRegistration;

typedef struct TfLiteContext {
    size_t tensors_size;
    TfLiteStatus (*GetExecutionPlan)(struct TfLiteContext *context, TfLiteIntArray **execution_plan);
    TfLiteTensor *tensors;
    void *impl_;
    TfLiteStatus (*ResizeTensor)(struct TfLiteContext *, TfLiteTensor *tensor, TfLiteIntArray *new_size);
    void (*ReportError)(struct TfLiteContext *, const char *msg, ...);
    TfLiteStatus (*AddTensors)(struct TfLiteContext *, int tensors_to_add, int *first_new_tensor_index);
    TfLiteStatus (*GetNodeAndRegistration)(struct TfLiteContext *, int node_index, TfLiteNode **node,
                                           TfLiteRegistration **registration);
    TfLiteStatus (*ReplaceNodeSubsetsWithDelegateKernels)(struct TfLiteContext *, TfLiteRegistration registration,
                                                          const TfLiteIntArray *nodes_to_replace,
                                                          struct TfLiteDelegate *delegate);
    int recommended_num_threads;
    void *(*GetExternalContext)(struct TfLiteContext *, int);
    void (*SetExternalContext)(struct TfLiteContext *, int, void *);
    bool allow_fp32_relax_to_fp16;
    void *profiler;
    void *(*AllocatePersistentBuffer)(struct TfLiteContext *ctx, size_t bytes);
    TfLiteStatus (*AllocateBufferForEval)(struct TfLiteContext *ctx, size_t bytes, void **ptr);
    TfLiteStatus (*RequestScratchBufferInArena)(struct TfLiteContext *ctx, size_t bytes, int *buffer_idx);
    void *(*GetScratchBuffer)(struct TfLiteContext *ctx, int buffer_idx);
    TfLiteStatus (*ResizeTensorExplicit)(struct TfLiteContext *ctx, TfLiteTensor *tensor, int dims,
                                         const int *shape);
    TfLiteStatus (*PreviewDelegatePartitioning)(struct TfLiteContext *context, const TfLiteIntArray *nodes,
                                                void **partition_params_array, int *num_partitions);
    TfLiteTensor *(*GetTensor)(const struct TfLiteContext *context, int tensor_idx);
    /* later members (GetEvalTensor, GetModelMetadata, ...) are not used here */
} TfLiteContext;

typedef struct TfLiteDelegate {
    void *data_;
    TfLiteStatus (*Prepare)(TfLiteContext *context, struct TfLiteDelegate *delegate);
    TfLiteStatus (*CopyFromBufferHandle)(TfLiteContext *context, struct TfLiteDelegate *delegate,
                                         int buffer_handle, TfLiteTensor *tensor);
    TfLiteStatus (*CopyToBufferHandle)(TfLiteContext *context, struct TfLiteDelegate *delegate, int buffer_handle,
                                       TfLiteTensor *tensor);
    void (*FreeBufferHandle)(TfLiteContext *context, struct TfLiteDelegate *delegate, int *handle);
    int64_t flags;
    void *opaque_delegate_builder;
} TfLiteDelegate;

#endif
