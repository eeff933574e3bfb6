/* Test-only: prints the offsets and sizes tflite_min.h assumes, as "Struct.member=offset" lines. */
#include <stdio.h>

#include "tflite_min.h"

#define OFF(type, member) printf("%s.%s=%zu\n", #type, #member, offsetof(type, member))
#define SIZE(type) printf("%s=%zu\n", #type, sizeof(type))

int main(void) {
    SIZE(TfLiteTensor);
    SIZE(TfLiteNode);
    SIZE(TfLiteRegistration);
    SIZE(TfLiteDelegate);
    OFF(TfLiteTensor, data);
    OFF(TfLiteTensor, bytes);
    OFF(TfLiteTensor, dims_signature);
    OFF(TfLiteNode, inputs);
    OFF(TfLiteNode, outputs);
    OFF(TfLiteNode, delegate);
    OFF(TfLiteRegistration, invoke);
    OFF(TfLiteRegistration, custom_name);
    OFF(TfLiteRegistration, inplace_operator);
    OFF(TfLiteContext, GetExecutionPlan);
    OFF(TfLiteContext, tensors);
    OFF(TfLiteContext, GetNodeAndRegistration);
    OFF(TfLiteContext, ReplaceNodeSubsetsWithDelegateKernels);
    OFF(TfLiteContext, GetTensor);
    OFF(TfLiteDelegate, Prepare);
    OFF(TfLiteDelegate, flags);
    OFF(TfLiteDelegate, opaque_delegate_builder);
    return 0;
}
