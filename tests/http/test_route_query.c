#include "http/route_query.h"

#include <criterion/criterion.h>
#include <string.h>

static int h(const http_request *req, http_response *resp)
{
    (void)req;
    (void)resp;
    return 0;
}

static const http_route spc = {"GET", "/x", h, ROLE_PROVIDER, "x", 0, " org, period ,kind"};
static const http_route list = {"GET", "/y", h, ROLE_PROVIDER, "y", 0, "limit,*"};
static const http_route none = {"GET", "/z", h, ROLE_PROVIDER, "z", 0, NO_QUERY};

Test(http_route_query, names_are_matched_whole)
{
    cr_expect(http_route_takes(&spc, "org"));
    cr_expect(http_route_takes(&spc, "period"));
    cr_expect(http_route_takes(&spc, "kind"));
    cr_expect(!http_route_takes(&spc, "or"), "a prefix is not the name");
    cr_expect(!http_route_takes(&spc, "orgs"));
    cr_expect(!http_route_takes(&spc, ""));
    cr_expect(http_route_takes(&list, "anything"), "* leaves the rest to the handler");
    cr_expect(!http_route_takes(&none, "org"));
}

static void join(void *ctx, const char *name, size_t len)
{
    strncat(ctx, name, len);
    strcat(ctx, "|");
}

Test(http_route_query, each_lists_the_names_without_the_star)
{
    char out[64] = "";
    http_route_query_each(&spc, join, out);
    cr_expect_str_eq(out, "org|period|kind|");
    out[0] = '\0';
    http_route_query_each(&list, join, out);
    cr_expect_str_eq(out, "limit|");
    out[0] = '\0';
    http_route_query_each(&none, join, out);
    cr_expect_str_eq(out, "");
}

Test(http_route_query, the_first_unknown_is_a_400_naming_it)
{
    const http_kv q[] = {{"org", "RNV"}, {"colour", "red"}, {"size", "9"}};
    http_context ctx = {.query = q, .nquery = 3};
    http_response resp = {0};
    cr_assert_eq(http_route_check_query(&spc, &ctx, &resp), -1);
    cr_expect_eq(resp.status, 400);
    cr_expect_str_eq(strbuf_str(&resp.body),
                     "{\"error\":{\"status\":400,\"message\":\"unknown query parameter 'colour'; "
                     "GET /x takes: org, period, kind\",\"field\":\"colour\"}}");
    strbuf_free(&resp.body);
    ctx.nquery = 1;
    cr_expect_eq(http_route_check_query(&spc, &ctx, &resp), 0);
    cr_expect_eq(http_route_check_query(&none, &ctx, &resp), -1);
    cr_expect(strstr(strbuf_str(&resp.body), "GET /z takes no query parameters"), "%s",
              strbuf_str(&resp.body));
    strbuf_free(&resp.body);
}
