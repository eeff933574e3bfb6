/*
 * Test-only: drives libedgebench_jni.so without a JVM, through a minimal fake JNIEnv, so the aarch64 build of the
 * shim can be exercised under qemu-aarch64 on an x86_64 build machine (NativeBuildTest). Java strings are C
 * strings here, Java arrays are {length, elements}. Prints "key=value" lines; exits non-zero on any failure.
 * Usage: shim_harness <libedgebench_jni.so> <libedgetpu.so.1>
 */
#include <dlfcn.h>
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fake_array {
    jsize length;
    void *elements[16];
};

static char pending[512];

static jclass find_class(JNIEnv *env, const char *name) {
    (void)env;
    return (jclass)name;
}
static jint throw_new(JNIEnv *env, jclass cls, const char *message) {
    (void)env;
    snprintf(pending, sizeof pending, "%s: %s", (const char *)cls, message);
    return 0;
}
static jboolean exception_check(JNIEnv *env) {
    (void)env;
    return pending[0] != '\0';
}
static void delete_local_ref(JNIEnv *env, jobject obj) {
    (void)env;
    (void)obj;
}
static const char *get_string_utf_chars(JNIEnv *env, jstring s, jboolean *copy) {
    (void)env;
    if (copy != NULL) {
        *copy = JNI_FALSE;
    }
    return (const char *)s;
}
static void release_string_utf_chars(JNIEnv *env, jstring s, const char *chars) {
    (void)env;
    (void)s;
    (void)chars;
}
static jstring new_string_utf(JNIEnv *env, const char *chars) {
    (void)env;
    return (jstring)strdup(chars);
}
static jobjectArray new_object_array(JNIEnv *env, jsize length, jclass cls, jobject init) {
    struct fake_array *a = calloc(1, sizeof *a);
    (void)env;
    (void)cls;
    (void)init;
    if (a == NULL || length > 16) {
        free(a);
        return NULL;
    }
    a->length = length;
    return (jobjectArray)a;
}
static void set_object_array_element(JNIEnv *env, jobjectArray array, jsize index, jobject value) {
    (void)env;
    ((struct fake_array *)array)->elements[index] = value;
}
static jobject get_object_array_element(JNIEnv *env, jobjectArray array, jsize index) {
    (void)env;
    return (jobject)((struct fake_array *)array)->elements[index];
}
static jsize get_array_length(JNIEnv *env, jarray array) {
    (void)env;
    return ((struct fake_array *)array)->length;
}

static void *must(void *shim, const char *name) {
    char symbol[256];
    void *fn;
    snprintf(symbol, sizeof symbol, "Java_io_edgebench_runtime_tflite_edgetpu_EdgeTpuNative_%s", name);
    fn = dlsym(shim, symbol);
    if (fn == NULL) {
        fprintf(stderr, "missing %s\n", symbol);
        exit(2);
    }
    return fn;
}

int main(int argc, char **argv) {
    struct JNINativeInterface_ table;
    JNIEnv env = &table;
    void *shim;
    jlong lib, delegate;
    struct fake_array names = {2, {"Performance", "Usb.AlwaysDfu"}};
    struct fake_array values = {2, {"Low", "True"}};
    struct fake_array *devices;
    jsize i;

    if (argc != 3) {
        fprintf(stderr, "usage: %s <libedgebench_jni.so> <libedgetpu.so.1>\n", argv[0]);
        return 2;
    }
    memset(&table, 0, sizeof table);
    table.FindClass = find_class;
    table.ThrowNew = throw_new;
    table.ExceptionCheck = exception_check;
    table.DeleteLocalRef = delete_local_ref;
    table.GetStringUTFChars = get_string_utf_chars;
    table.ReleaseStringUTFChars = release_string_utf_chars;
    table.NewStringUTF = new_string_utf;
    table.NewObjectArray = new_object_array;
    table.SetObjectArrayElement = set_object_array_element;
    table.GetObjectArrayElement = get_object_array_element;
    table.GetArrayLength = get_array_length;

    shim = dlopen(argv[1], RTLD_NOW);
    if (shim == NULL) {
        fprintf(stderr, "dlopen shim: %s\n", dlerror());
        return 2;
    }
    printf("abi=%s\n", (const char *)((jstring(*)(JNIEnv *, jclass))must(shim, "abi"))(&env, NULL));
    lib = ((jlong(*)(JNIEnv *, jclass, jstring))must(shim, "open"))(&env, NULL, (jstring)argv[2]);
    if (lib == 0) {
        fprintf(stderr, "open failed: %s\n", pending);
        return 1;
    }
    printf("version=%s\n", (const char *)((jstring(*)(JNIEnv *, jclass, jlong))must(shim, "version"))(&env, NULL, lib));
    devices = (struct fake_array *)((jobjectArray(*)(JNIEnv *, jclass, jlong))must(shim, "listDevices"))(&env, NULL, lib);
    for (i = 0; devices != NULL && i + 1 < devices->length; i += 2) {
        printf("device=%s %s\n", (const char *)devices->elements[i], (const char *)devices->elements[i + 1]);
    }
    delegate = ((jlong(*)(JNIEnv *, jclass, jlong, jint, jstring, jobjectArray, jobjectArray))must(shim, "createDelegate"))(
        &env, NULL, lib, 1, NULL, (jobjectArray)&names, (jobjectArray)&values);
    printf("delegate=%s\n", delegate != 0 ? "created" : "null");
    if (delegate != 0) {
        ((void (*)(JNIEnv *, jclass, jlong, jlong))must(shim, "freeDelegate"))(&env, NULL, lib, delegate);
        printf("freed=yes\n");
    }
    if (pending[0] != '\0') {
        fprintf(stderr, "exception: %s\n", pending);
        return 1;
    }
    return 0;
}
