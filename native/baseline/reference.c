/* Reference mode of edgebench-baseline: a reference set written from a runtime's plain C API, no JVM in the loop, so
 * that `edgebench compare --reference` is checked against an implementation that shares none of its Java code. The
 * layout is the one the agent's ReferenceSet reads and ReferenceWriter (--save-reference) writes:
 *
 *   OUT_DIR/inputs/NAME.npy           each INPUT_DIR/NAME.npy, copied byte for byte
 *   OUT_DIR/outputs/OUTPUT/NAME.npy   float32 in the output's shape, header as numpy.save writes it; OUTPUT is the
 *                                     output's name with every character but A-Z a-z 0-9 . _ - as '_' (a single
 *                                     output too, as ReferenceWriter: the compare then pairs it by name or shape)
 *
 * Inputs are numpy format 1.0 arrays of '<f4' in C order and of the model input's shape, checked strictly (a
 * malformed header is refused, not guessed at) and against the file's length before anything is allocated for them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "baseline.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error ".npy '<f4' data is used as is: a little-endian host is assumed (x86-64, arm64)"
#endif

#define MAX_SAMPLES 10000            /* ReferenceSet.MAX_SAMPLES: the compare reads no more */
#define MAX_OUTPUT_BYTES (16u << 20) /* ReferenceSet.MAX_FILE_BYTES per output file, header included */
#define MAX_DIM (1 << 30)            /* keeps a dimension's digits from overflowing; the model's input is the bound */

static const unsigned char MAGIC[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

float *eb_output_values(struct eb_output *o, size_t count) {
  if (count > MAX_OUTPUT_BYTES / sizeof(float)) {
    fprintf(stderr, "edgebench-baseline: output [%s] holds %zu elements; a reference file holds at most %u bytes\n",
            o->name, count, MAX_OUTPUT_BYTES);
    return NULL;
  }
  if (count > o->count || !o->values) {
    float *grown = realloc(o->values, (count ? count : 1) * sizeof(float));
    if (!grown) {
      fprintf(stderr, "edgebench-baseline: out of memory for output [%s]\n", o->name);
      return NULL;
    }
    o->values = grown;
  }
  o->count = count;
  return o->values;
}

static const char *spaces(const char *p) {
  while (*p == ' ') p++;
  return p;
}

/* "(1, 10)", "(10,)" or "()": a shape as Python writes a tuple (and numpy.save the header's shape). */
static void shape_text(char *buf, int rank, const int64_t *dims) {
  int n = sprintf(buf, "(");
  for (int d = 0; d < rank; d++) n += sprintf(buf + n, d ? ", %lld" : "%lld", (long long)dims[d]);
  sprintf(buf + n, "%s)", rank == 1 ? "," : "");
}

/* numpy's header dict, as numpy.save writes it: exactly the keys descr ('<f4'), fortran_order (False) and shape (a
 * tuple of at most EB_MAX_RANK non-negative integers, "(n,)" for one), then spaces and a newline. NULL, or why not. */
static const char *parse_header(const char *h, int *rank, int64_t *dims) {
  int seen = 0; /* 1 descr, 2 fortran_order, 4 shape */
  const char *p = spaces(h);
  if (*p++ != '{') return "has a header that is not a Python dict";
  for (p = spaces(p); *p != '}'; p = spaces(p)) {
    int key = !strncmp(p, "'descr'", 7)           ? 1
              : !strncmp(p, "'fortran_order'", 15) ? 2
              : !strncmp(p, "'shape'", 7)          ? 4
                                                   : 0;
    if (!key) return "has a header key other than 'descr', 'fortran_order' and 'shape'";
    if (seen & key) return "repeats a header key";
    seen |= key;
    p = spaces(p + (key == 2 ? 15 : 7));
    if (*p++ != ':') return "has a header that is not a Python dict";
    p = spaces(p);
    if (key == 1) {
      if (strncmp(p, "'<f4'", 5)) {
        return "holds no '<f4' (little-endian float32) data; numpy.save(f, a.astype(numpy.float32))";
      }
      p += 5;
    } else if (key == 2) {
      if (!strncmp(p, "True", 4)) return "is in Fortran order; numpy.save(f, numpy.ascontiguousarray(a))";
      if (strncmp(p, "False", 5)) return "has a fortran_order that is neither True nor False";
      p += 5;
    } else {
      int comma = 0;
      *rank = 0;
      if (*p++ != '(') return "has a shape that is not a tuple";
      for (p = spaces(p); *p != ')'; p = spaces(p)) {
        if (*p < '0' || *p > '9') return "has a shape that is not a tuple of non-negative integers";
        if (*rank == EB_MAX_RANK) return "has a shape of more dimensions than any model input here takes";
        int64_t d = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
          d = d * 10 + (*p - '0');
          if (d > MAX_DIM) return "declares a dimension larger than any model input takes";
        }
        dims[(*rank)++] = d;
        p = spaces(p);
        comma = *p == ',';
        if (comma) p++;
        else if (*p != ')') return "has a shape that is not a tuple of non-negative integers";
      }
      if (*rank == 1 && !comma) return "has a shape \"(n)\", which is no tuple; numpy writes \"(n,)\"";
      p++;
    }
    p = spaces(p);
    if (*p == ',') p++;
    else if (*p != '}') return "has a header that is not a Python dict";
  }
  if (seen != 7) return "has a header without all of 'descr', 'fortran_order' and 'shape'";
  p = spaces(p + 1);
  return *p == '\n' && !p[1] ? NULL : "has a header that does not end in a newline after the dict";
}

/* One sample: the file's magic, version and header (head, copied out as they are) and its floats (with_data 0: the
 * checks alone). read_sample returns 2 after a message naming the file; sizes are checked against the model's input
 * and the file's length before the data is allocated. */
struct sample {
  unsigned char *head;
  size_t head_len;
  float *data;
};

static int refuse(FILE *f, struct sample *s, const char *path, const char *why) {
  if (why) fprintf(stderr, "edgebench-baseline: input [%s] %s\n", path, why);
  if (f) fclose(f);
  free(s->head);
  free(s->data);
  return 2;
}

static int read_sample(const char *path, const struct eb_model *m, int with_data, struct sample *s) {
  struct stat st;
  unsigned char prefix[10];
  int rank = 0;
  int64_t dims[EB_MAX_RANK];
  char has[EB_MAX_RANK * 24 + 8], takes[EB_MAX_RANK * 24 + 8];
  const char *why;
  FILE *f;
  *s = (struct sample){0};
  if (lstat(path, &st) || !S_ISREG(st.st_mode)) {
    return refuse(NULL, s, path, "is not a regular file (symbolic links are refused, as the compare refuses them in"
                                 " a reference set)");
  }
  if (!(f = fopen(path, "rb"))) return refuse(NULL, s, path, strerror(errno));
  if (fread(prefix, 1, 10, f) != 10 || memcmp(prefix, MAGIC, 6)) {
    return refuse(f, s, path, "is not a .npy file (no \\x93NUMPY magic); write it with numpy.save");
  }
  if (prefix[6] != 1 || prefix[7] != 0) {
    return refuse(f, s, path, "is not .npy format version 1.0 (what numpy.save writes for such arrays)");
  }
  s->head_len = 10 + (size_t)(prefix[8] | prefix[9] << 8); /* at most 64 KiB: a u16 */
  if (!(s->head = malloc(s->head_len + 1))) return refuse(f, s, path, "does not fit in memory");
  memcpy(s->head, prefix, 10);
  s->head[s->head_len] = 0;
  if (fread(s->head + 10, 1, s->head_len - 10, f) != s->head_len - 10) {
    return refuse(f, s, path, "has a truncated .npy header");
  }
  if (memchr(s->head + 10, 0, s->head_len - 10)) return refuse(f, s, path, "has a NUL byte in its .npy header");
  if ((why = parse_header((const char *)s->head + 10, &rank, dims))) return refuse(f, s, path, why);
  /* The exact shape, not only its element count: the compare refuses any other, and an NHWC array fed to an NCHW
   * model has the right count and the wrong meaning. */
  if (rank != m->input_rank || memcmp(dims, m->input_dims, sizeof(int64_t) * (size_t)rank)) {
    shape_text(has, rank, dims);
    shape_text(takes, m->input_rank, m->input_dims);
    fprintf(stderr, "edgebench-baseline: input [%s] has shape %s; the model's input takes %s\n", path, has, takes);
    return refuse(f, s, path, NULL);
  }
  size_t count = m->input_count;
  if ((uint64_t)st.st_size != s->head_len + count * sizeof(float)) {
    fprintf(stderr, "edgebench-baseline: input [%s] is %lld bytes; its header says %zu\n", path,
            (long long)st.st_size, s->head_len + count * sizeof(float));
    return refuse(f, s, path, NULL);
  }
  if (with_data) {
    s->data = malloc((count ? count : 1) * sizeof(float));
    if (!s->data || fread(s->data, sizeof(float), count, f) != count) return refuse(f, s, path, "cannot be read");
  }
  fclose(f);
  return 0;
}

/* ReferenceWriter.folderName: every character but A-Z a-z 0-9 . _ - becomes '_' (one per code point, as Java's regex
 * replaces them: a 4-byte UTF-8 sequence is one '_' too), and a name of dots only (or none) gets a leading '_'. */
static int folder_name(const char *name, char *out, size_t cap) {
  size_t n = 0, dots = 1;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if ((*p & 0xC0) == 0x80) continue; /* UTF-8 continuation byte: its character is already written */
    int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.'
               || *p == '_' || *p == '-';
    if (n + 3 >= cap) {
      fprintf(stderr, "edgebench-baseline: output name [%s] is too long for a folder name\n", name);
      return 2;
    }
    dots &= *p == '.';
    out[n++] = keep ? (char)*p : '_';
  }
  out[n] = 0;
  if (dots) {
    memmove(out + 1, out, n + 1);
    out[0] = '_';
  }
  return 0;
}

static int join(char *buf, size_t cap, const char *a, const char *b, const char *c) {
  if (snprintf(buf, cap, c ? "%s/%s/%s" : "%s/%s", a, b, c) < (int)cap) return 0;
  fprintf(stderr, "edgebench-baseline: path [%s/%s...] is too long\n", a, b);
  return 2;
}

static int make_dir(const char *path) {
  if (!mkdir(path, 0777)) return 0;
  fprintf(stderr, "edgebench-baseline: cannot create folder [%s]: %s%s\n", path, strerror(errno),
          errno == EEXIST ? " (a reference set is never overwritten; give a new OUT_DIR)" : "");
  return 2;
}

static int write_file(const char *path, const void *head, size_t head_len, const void *data, size_t data_len) {
  FILE *f = fopen(path, "wbx"); /* x: never overwrite */
  int ok = f && fwrite(head, 1, head_len, f) == head_len && fwrite(data, 1, data_len, f) == data_len;
  if (f && fclose(f)) ok = 0;
  if (ok) return 0;
  fprintf(stderr, "edgebench-baseline: cannot write [%s]: %s\n", path, strerror(errno));
  return 2;
}

/* A version 1.0 header for float32 of the output's shape, padded to 64 bytes as numpy.save (and ReferenceWriter). */
static size_t output_head(const struct eb_output *o, char *h) {
  char shape[EB_MAX_RANK * 24 + 8];
  shape_text(shape, o->rank, o->dims);
  int n = 10 + sprintf(h + 10, "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }", shape);
  while ((n + 1) % 64) h[n++] = ' ';
  h[n++] = '\n';
  memcpy(h, MAGIC, 8);
  h[8] = (char)((n - 10) & 0xff);
  h[9] = (char)((n - 10) >> 8);
  return (size_t)n;
}

static int npy_name(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return e->d_name[0] != '.' && n > 4 && !strcasecmp(e->d_name + n - 4, ".npy"); /* hidden files: as the compare */
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

int eb_reference(struct eb_model *m, const char *input_dir, const char *out_dir) {
  char folders[EB_MAX_OUTPUTS][256], path[4096];
  struct dirent **names;
  int n = scandir(input_dir, &names, npy_name, by_name);
  if (n < 0) {
    fprintf(stderr, "edgebench-baseline: cannot list [%s]: %s\n", input_dir, strerror(errno));
    return 2;
  }
  if (n == 0 || n > MAX_SAMPLES) {
    fprintf(stderr, "edgebench-baseline: [%s] holds %d .npy files; give 1..%d\n", input_dir, n, MAX_SAMPLES);
    return 2;
  }
  for (size_t o = 0; o < m->outputs; o++) {
    if (folder_name(m->out[o].name, folders[o], sizeof folders[o])) return 2;
    for (size_t p = 0; p < o; p++) {
      if (!strcmp(folders[o], folders[p])) {
        fprintf(stderr, "edgebench-baseline: outputs [%s] and [%s] both become folder [%s]\n", m->out[p].name,
                m->out[o].name, folders[o]);
        return 2;
      }
    }
  }
  /* Every input's header and size first, then the folders: a bad input or an existing OUT_DIR leaves nothing. */
  for (int i = 0; i < n; i++) {
    struct sample s;
    if (join(path, sizeof path, input_dir, names[i]->d_name, NULL) || read_sample(path, m, 0, &s)) {
      return 2;
    }
    free(s.head);
  }
  if (make_dir(out_dir) || join(path, sizeof path, out_dir, "inputs", NULL) || make_dir(path)
      || join(path, sizeof path, out_dir, "outputs", NULL) || make_dir(path)) {
    return 2;
  }
  for (size_t o = 0; o < m->outputs; o++) {
    if (join(path, sizeof path, out_dir, "outputs", folders[o]) || make_dir(path)) return 2;
  }
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    struct sample s;
    if (join(path, sizeof path, input_dir, name, NULL) || read_sample(path, m, 1, &s)
        || m->infer(m, s.data)) {
      return 2;
    }
    if (join(path, sizeof path, out_dir, "inputs", name)
        || write_file(path, s.head, s.head_len, s.data, m->input_count * sizeof(float))) {
      return 2;
    }
    for (size_t o = 0; o < m->outputs; o++) {
      char head[1024], dir[4096];
      const struct eb_output *out = &m->out[o];
      size_t head_len = output_head(out, head);
      if (head_len + out->count * sizeof(float) > MAX_OUTPUT_BYTES) {
        fprintf(stderr, "edgebench-baseline: output [%s] of sample [%s] would be a %zu-byte file; the compare reads at"
                        " most %u bytes per file\n", out->name, name, head_len + out->count * sizeof(float),
                MAX_OUTPUT_BYTES);
        return 2;
      }
      if (join(dir, sizeof dir, out_dir, "outputs", folders[o]) || join(path, sizeof path, dir, name, NULL)
          || write_file(path, head, head_len, out->values, out->count * sizeof(float))) {
        return 2;
      }
    }
    free(s.head);
    free(s.data);
    free(names[i]);
  }
  free(names);
  printf("reference samples=%d outputs=%zu dir=%s\n", n, m->outputs, out_dir);
  return 0;
}
