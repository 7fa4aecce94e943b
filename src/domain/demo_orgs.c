/* The demo's organisations: one ICB, its three places, six PCNs, thirty
 * practices, six providers and the local authority. Codes follow ODS shapes
 * but use ranges no real English organisation has (X8xxxx practices, U9xxxx
 * PCNs), so demo data can never be mistaken for, or joined to, real data. */
#include "domain/demo_internal.h"

#include <string.h>

const demo_place demo_places[DEMO_PLACE_COUNT] = {
    {"QNV-RAV", "Ravensholme Place"},
    {"QNV-CAL", "Calderbridge Place"},
    {"QNV-FEL", "Fellside and Coast Place"},
};

const demo_pcn demo_pcns[DEMO_PCN_COUNT] = {
    {"U90001", "Ravensholme Central PCN", "QNV-RAV"},
    {"U90002", "Ravensholme North and Moor PCN", "QNV-RAV"},
    {"U90003", "Calderbridge Town PCN", "QNV-CAL"},
    {"U90004", "Calder Valley PCN", "QNV-CAL"},
    {"U90005", "Fellside PCN", "QNV-FEL"},
    {"U90006", "Harbourside and Coast PCN", "QNV-FEL"},
};

/* List sizes span 3,000 to 20,000 as English practices mostly do; the coast
 * is older (more people over 65), the town younger. */
const demo_practice demo_practices[DEMO_PRACTICE_COUNT] = {
    {"X81001", "Riverside Surgery", "U90001", 11840, 0.17},
    {"X81002", "Market Street Medical Practice", "U90001", 9420, 0.16},
    {"X81003", "Dr Patel, Okafor and Partners", "U90001", 6310, 0.15},
    {"X81004", "Abbey Lane Surgery", "U90001", 14870, 0.18},
    {"X81005", "Northgate Medical Centre", "U90001", 8260, 0.17},
    {"X81006", "Moorside Surgery", "U90002", 4120, 0.23},
    {"X81007", "Ashgrove Surgery", "U90002", 3240, 0.25},
    {"X81008", "Kirkby Moor Practice", "U90002", 7650, 0.21},
    {"X81009", "Hilltop Family Practice", "U90002", 12980, 0.19},
    {"X81010", "Old Forge Surgery", "U90002", 5530, 0.22},
    {"X81011", "Bridge Street Surgery", "U90003", 16450, 0.13},
    {"X81012", "The Old Mill Practice", "U90003", 9870, 0.14},
    {"X81013", "St John's Medical Centre", "U90003", 19420, 0.12},
    {"X81014", "Canal Side Surgery", "U90003", 7310, 0.15},
    {"X81015", "Park View Group Practice", "U90003", 13360, 0.14},
    {"X81016", "Heathfield Surgery", "U90004", 5980, 0.19},
    {"X81017", "Valley Road Practice", "U90004", 6840, 0.18},
    {"X81018", "Brookfield Medical Practice", "U90004", 10150, 0.17},
    {"X81019", "Lower Calder Surgery", "U90004", 3610, 0.21},
    {"X81020", "Dr Evans, Mistry and Partners", "U90004", 8790, 0.16},
    {"X81021", "Fellside Medical Group", "U90005", 17230, 0.22},
    {"X81022", "Beckside Surgery", "U90005", 7980, 0.24},
    {"X81023", "Tarn Lane Practice", "U90005", 4460, 0.27},
    {"X81024", "High Fell Surgery", "U90005", 3050, 0.29},
    {"X81025", "Harbourside Medical Centre", "U90006", 11230, 0.23},
    {"X81026", "Lighthouse Surgery", "U90006", 9060, 0.26},
    {"X81027", "Saltmarsh Practice", "U90006", 6720, 0.28},
    {"X81028", "Quayside Family Doctors", "U90006", 12410, 0.21},
    {"X81029", "Bay View Surgery", "U90006", 4890, 0.30},
    {"X81030", "Sandy Lane Surgery", "U90006", 5370, 0.25},
};

int demo_practice_place(int practice)
{
    const char *pcn = demo_practices[practice].pcn;
    for (int i = 0; i < DEMO_PCN_COUNT; i++) {
        if (strcmp(demo_pcns[i].code, pcn) != 0)
            continue;
        for (int j = 0; j < DEMO_PLACE_COUNT; j++)
            if (strcmp(demo_places[j].code, demo_pcns[i].place) == 0)
                return j;
    }
    return 0; /* unreachable with the tables above; the demo tests check them */
}

/* Providers sit under the ICB in the tree because they are partners in its
 * system, not because ODS says so: it gives the browser one root to start from. */
static const struct {
    const char *code, *name, *kind;
} others[] = {
    {"RNV", "Northvale Hospitals NHS Foundation Trust", "acute_trust"},
    {"RNC", "Northvale Community Health NHS Trust", "community_trust"},
    {"RNM", "Northvale and Fellside Partnership NHS Foundation Trust", "mental_health_trust"},
    {"NNV01", "St Aidan's Hospice, Calderbridge", "hospice"},
    {"NNV02", "Northvale GP Federation", "gp_federation"},
    {"NNV03", "Northvale Carers, Age and Wellbeing Network", "voluntary"},
    {"E08000991", "Northvale Metropolitan Borough Council", "local_authority"},
};

static void row(demo_csv *c, const char *code, const char *name, const char *kind,
                const char *parent)
{
    demo_csv_text(c, code);
    demo_csv_text(c, name);
    demo_csv_text(c, kind);
    demo_csv_text(c, parent);
    demo_csv_end_row(c);
}

void demo_write_organisations(demo_csv *c)
{
    demo_csv_header(c, "code,name,kind,parent");
    row(c, DEMO_ICB, "NHS Northvale Integrated Care Board", "icb", NULL);
    for (int i = 0; i < DEMO_PLACE_COUNT; i++)
        row(c, demo_places[i].code, demo_places[i].name, "place", DEMO_ICB);
    for (int i = 0; i < DEMO_PCN_COUNT; i++)
        row(c, demo_pcns[i].code, demo_pcns[i].name, "pcn", demo_pcns[i].place);
    for (int i = 0; i < DEMO_PRACTICE_COUNT; i++)
        row(c, demo_practices[i].code, demo_practices[i].name, "practice", demo_practices[i].pcn);
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        row(c, others[i].code, others[i].name, others[i].kind, DEMO_ICB);
}
