/* support: what tests share: temporary directories, files, and running the real
 * `unlock` binary (from $UNLOCK_BIN) with its output captured. */
#ifndef UNLOCK_TESTS_SUPPORT_H
#define UNLOCK_TESTS_SUPPORT_H

#include <stddef.h>
#include <sys/types.h>

/* Makes a fresh directory under $TMPDIR (or /tmp); the caller frees the path
 * after tmpdir_remove. */
char *tmpdir_make(void);
/* Deletes the directory and everything in it. */
void tmpdir_remove(const char *dir);
/* dir + "/" + name, malloc'd. */
char *path_join(const char *dir, const char *name);
/* The directory a file named on a command line run in cwd (NULL: here) is in. malloc'd. */
char *test_file_dir(const char *cwd, const char *file);

void file_write(const char *path, const char *text);
/* The whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *file_read(const char *path, size_t *len);

typedef struct run_result {
    int status; /* exit status, or 128+signal */
    char *out;  /* standard output, malloc'd */
    char *err;  /* standard error, malloc'd */
} run_result;

/* Runs `unlock ARGS...` (NULL-terminated), in `cwd` when not NULL, with
 * standard input from stdin_path when not NULL. */
run_result unlock_run(const char *cwd, const char *stdin_path, const char *const *args);
void run_result_free(run_result *r);

/* The same, without waiting: unlock_start starts the command (as unlock_run would, PostgreSQL
 * stand-ins included) and unlock_finish waits for it to end, however it ends (a test may kill
 * unlock_pid first), and frees p. */
typedef struct unlock_proc unlock_proc;
unlock_proc *unlock_start(const char *cwd, const char *stdin_path, const char *const *args);
pid_t unlock_pid(const unlock_proc *p);
run_result unlock_finish(unlock_proc *p);

/* Counts occurrences of needle in haystack. */
int count_of(const char *haystack, const char *needle);

#endif
