/*
 * CPU affinity for edgebench's worker (--cpus): sched_setaffinity on one thread of the calling process.
 *
 * Java side: io.edgebench.cpu.CpuAffinity (static natives only), which calls this for every thread listed in
 * /proc/self/task so the JVM's own threads and the runtimes' thread pools (created later, inheriting the mask)
 * all stay on the chosen CPUs. Failures throw io.edgebench.cpu.CpuAffinityException with errno's text.
 */
#include <errno.h>
#include <jni.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#define AFFINITY_EXCEPTION "io/edgebench/cpu/CpuAffinityException"

static void throw_affinity(JNIEnv *env, const char *message) {
    jclass cls;

    if ((*env)->ExceptionCheck(env)) {
        return;
    }
    cls = (*env)->FindClass(env, AFFINITY_EXCEPTION);
    if (cls == NULL) {
        return; /* NoClassDefFoundError pending */
    }
    (*env)->ThrowNew(env, cls, message);
    (*env)->DeleteLocalRef(env, cls);
}

/*
 * Java: static native int setThreadAffinity(int tid, int[] cpus)
 * Returns 0, or 1 when the thread no longer exists (ESRCH: it ended between listing and pinning).
 */
JNIEXPORT jint JNICALL Java_io_edgebench_cpu_CpuAffinity_setThreadAffinity(JNIEnv *env, jclass cls, jint tid,
                                                                           jintArray cpus) {
    cpu_set_t set;
    jint *values = NULL;
    jsize count;
    jint result = 0;
    char message[256];

    (void)cls;
    if (cpus == NULL) {
        throw_affinity(env, "cpu list is null");
        return 0;
    }
    count = (*env)->GetArrayLength(env, cpus);
    values = (*env)->GetIntArrayElements(env, cpus, NULL);
    if (values == NULL) {
        return 0; /* OutOfMemoryError pending */
    }
    CPU_ZERO(&set);
    for (jsize i = 0; i < count; i++) {
        if (values[i] < 0 || values[i] >= CPU_SETSIZE) {
            snprintf(message, sizeof message, "cpu [%d] must be 0..%d", (int)values[i], CPU_SETSIZE - 1);
            throw_affinity(env, message);
            goto cleanup;
        }
        CPU_SET(values[i], &set);
    }
    if (sched_setaffinity((pid_t)tid, sizeof set, &set) != 0) {
        if (errno == ESRCH) {
            result = 1;
            goto cleanup;
        }
        snprintf(message, sizeof message, "sched_setaffinity(thread %d) failed: %s", (int)tid, strerror(errno));
        throw_affinity(env, message);
    }
cleanup:
    (*env)->ReleaseIntArrayElements(env, cpus, values, JNI_ABORT);
    return result;
}
