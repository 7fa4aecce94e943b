/* fuzz driver: one target of fuzz.h as a libFuzzer binary. Built once per target with
 * -DFUZZ_TARGET=\"NAME\" (see the Makefile's fuzz-build). An internal error on any input is
 * reported as a crash: bad input must only ever be refused. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef FUZZ_TARGET
#error "build with -DFUZZ_TARGET=\"NAME\""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const fuzz_target *target;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    target = fuzz_target_find(FUZZ_TARGET);
    err e = {0};
    if (!target || (target->needs_db && fuzz_setup(NULL, &e))) {
        fprintf(stderr, "fuzz-%s: %s\n", FUZZ_TARGET, target ? e.msg : "no such target");
        abort();
    }
    atexit(fuzz_teardown);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err e = {0};
    target->one(data, size, &e);
    if (e.kind == ERR_INTERNAL) {
        fprintf(stderr, "fuzz-%s: an internal error from bad input: %s\n", FUZZ_TARGET, e.msg);
        abort();
    }
    return 0;
}
