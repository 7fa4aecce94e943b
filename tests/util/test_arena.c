#include "util/arena.h"

#include <criterion/criterion.h>
#include <stdalign.h>
#include <stdint.h>
#include <string.h>

Test(arena, allocations_are_aligned_distinct_and_kept_until_the_free)
{
    arena a = ARENA_INIT;
    char *p[100];
    for (int i = 0; i < 100; i++) {
        p[i] = arena_alloc(&a, (size_t)i + 1);
        cr_assert_eq((uintptr_t)p[i] % alignof(max_align_t), 0, "allocation %d", i);
        memset(p[i], 'a' + i % 26, (size_t)i + 1);
    }
    /* Nothing overlapped: each still holds what was written. */
    for (int i = 0; i < 100; i++)
        for (int j = 0; j <= i; j++)
            cr_assert_eq(p[i][j], 'a' + i % 26, "allocation %d byte %d", i, j);
    /* 100 allocations of 1..100 bytes rounded to 16: 5600 bytes, two blocks (4096, 8192). */
    cr_expect_eq(arena_footprint(&a) > 4096 + 8192, 1);
    cr_expect_eq(arena_footprint(&a) < 4096 + 8192 + 256, 1);
    arena_free(&a);
    cr_expect_eq(arena_footprint(&a), 0);
    /* Usable again after the free. */
    cr_assert_str_eq(arena_strdup(&a, "again"), "again");
    arena_free(&a);
}

Test(arena, a_big_allocation_gets_its_own_block_and_the_current_one_keeps_its_room)
{
    arena a = ARENA_INIT;
    char *small = arena_alloc(&a, 10);
    size_t before = arena_footprint(&a);
    char *big = arena_alloc(&a, 100000);
    memset(big, 'x', 100000);
    cr_expect_eq(arena_footprint(&a) - before >= 100000, 1);
    /* The next small one still comes from the first block, right after the first. */
    char *next = arena_alloc(&a, 10);
    cr_expect_eq(next - small, 16);
    arena_free(&a);
}

Test(arena, the_newest_allocation_grows_in_place_and_others_by_copy)
{
    arena a = ARENA_INIT;
    char *buf = arena_alloc(&a, 8);
    memcpy(buf, "1234567", 8);
    char *grown = arena_realloc(&a, buf, 8, 1000);
    cr_expect_eq(grown, buf, "room in the block: the same place");
    cr_expect_str_eq(grown, "1234567");
    char *other = arena_alloc(&a, 8);
    (void)other;
    char *moved = arena_realloc(&a, grown, 1000, 2000);
    cr_expect_neq(moved, grown, "not the newest: copied");
    cr_expect_str_eq(moved, "1234567");
    /* Past the block: copied into a new one, contents kept. */
    char *huge = arena_realloc(&a, moved, 2000, 50000);
    cr_expect_str_eq(huge, "1234567");
    cr_expect_not_null(arena_realloc(&a, NULL, 0, 5));
    arena_free(&a);
}

Test(arena, strings)
{
    arena a = ARENA_INIT;
    cr_expect_str_eq(arena_strndup(&a, "abcdef", 3), "abc");
    cr_expect_str_eq(arena_printf(&a, "%s=%d", "limit", 50), "limit=50");
    char long_text[6000];
    memset(long_text, 'z', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    char *copy = arena_printf(&a, "<%s>", long_text);
    cr_expect_eq(strlen(copy), sizeof long_text + 1);
    cr_expect_eq(copy[0], '<');
    cr_expect_eq(copy[sizeof long_text], '>');
    int *zeros = arena_calloc(&a, 10, sizeof *zeros);
    for (int i = 0; i < 10; i++)
        cr_expect_eq(zeros[i], 0);
    a.wipe = 1; /* the free must still work (and zero the blocks first) */
    arena_free(&a);
}
