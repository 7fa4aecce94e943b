/* The demo's forty people: the mix of roles an experience-led commissioning
 * programme brings into one room. All names are invented; email addresses use
 * the reserved example domains. */
#include "domain/demo_internal.h"

#include <stdio.h>

static const struct {
    const char *name, *role, *specialty, *organisation, *email;
} people[] = {
    {"Dr Amira Shah", "gp_commissioner", "General practice, end of life care lead", "X81001",
     "amira.shah@example.nhs.uk"},
    {"Dr Tom Hargreaves", "gp_commissioner", "General practice", "X81012",
     "tom.hargreaves@example.nhs.uk"},
    {"Dr Nkechi Obi", "gp_commissioner", "General practice, frailty lead", "X81021",
     "nkechi.obi@example.nhs.uk"},
    {"Dr Rhys Pritchard", "gp_commissioner", "General practice, prescribing lead", "X81008",
     "rhys.pritchard@example.nhs.uk"},
    {"Dr Mei Lin Chen", "gp_commissioner", "General practice, mental health lead", "X81017",
     "meilin.chen@example.nhs.uk"},
    {"Dr Callum Reid", "gp_commissioner", "General practice", "X81026",
     "callum.reid@example.nhs.uk"},
    {"Sarah Whitfield", "manager", "Commissioning: end of life care", "QNV",
     "sarah.whitfield@example.nhs.uk"},
    {"James Okonkwo", "manager", "Contracting and performance", "QNV",
     "james.okonkwo@example.nhs.uk"},
    {"Priya Natarajan", "manager", "Business intelligence", "QNV",
     "priya.natarajan@example.nhs.uk"},
    {"Helen Dawson", "manager", "Primary care", "QNV-CAL", "helen.dawson@example.nhs.uk"},
    {"Gareth Lloyd", "manager", "Estates", "QNV", "gareth.lloyd@example.nhs.uk"},
    {"Fiona MacLeod", "manager", "Operations, community services", "RNC",
     "fiona.macleod@example.nhs.uk"},
    {"Margaret Ellison", "lay_member", "Patient and public involvement", "QNV",
     "margaret.ellison@example.org"},
    {"Desmond Clarke", "lay_member", "Audit and governance", "QNV", "desmond.clarke@example.org"},
    {"Aisha Rahman", "lay_member", "Equality and inclusion", "QNV", "aisha.rahman@example.org"},
    {"Dr Eleanor Hughes", "clinician", "Palliative medicine", "NNV01",
     "eleanor.hughes@example.org"},
    {"Bridget Nolan", "clinician", "Clinical nurse specialist, palliative care", "RNC",
     "bridget.nolan@example.nhs.uk"},
    {"Dr Samuel Adeyemi", "clinician", "Geriatric medicine", "RNV",
     "samuel.adeyemi@example.nhs.uk"},
    {"Dr Laura Bennett", "clinician", "Respiratory medicine", "RNV",
     "laura.bennett@example.nhs.uk"},
    {"Kwame Mensah", "clinician", "MSK physiotherapy", "RNC", "kwame.mensah@example.nhs.uk"},
    {"Dr Hannah Fielding", "clinician", "Adult psychiatry", "RNM",
     "hannah.fielding@example.nhs.uk"},
    {"Joanne Pickering", "clinician", "District nursing", "RNC", "joanne.pickering@example.nhs.uk"},
    {"Dr Owen Price", "clinician", "Emergency medicine", "RNV", "owen.price@example.nhs.uk"},
    {"Grace Kowalski", "clinician", "Clinical pharmacist", "NNV02",
     "grace.kowalski@example.nhs.uk"},
    {"Dr Imran Siddiqui", "clinician", "Acute medicine", "RNV", "imran.siddiqui@example.nhs.uk"},
    {"Ruth Ashworth", "improvement_lead", "Quality improvement", "QNV",
     "ruth.ashworth@example.nhs.uk"},
    {"Daniel Osei", "improvement_lead", "Experience-based co-design", "NNV01",
     "daniel.osei@example.org"},
    {"Lucy Thornton", "improvement_lead", "Service improvement", "RNV",
     "lucy.thornton@example.nhs.uk"},
    {"Martin Brooks", "improvement_lead", "Population health management", "QNV",
     "martin.brooks@example.nhs.uk"},
    {"Catherine Marsh", "executive", "Chief executive", "QNV", "catherine.marsh@example.nhs.uk"},
    {"Dr Peter Langley", "executive", "Chief medical officer", "QNV",
     "peter.langley@example.nhs.uk"},
    {"Angela Forbes", "executive", "Chief nurse", "RNV", "angela.forbes@example.nhs.uk"},
    {"Simon Ward", "executive", "Chief executive", "NNV01", "simon.ward@example.org"},
    {"Yasmin Akhtar", "executive", "Director of public health", "E08000991",
     "yasmin.akhtar@example.org"},
    {"Brian Hollis", "patient", NULL, NULL, NULL},
    {"Patricia Nwosu", "patient", NULL, NULL, "patricia.nwosu@example.org"},
    {"George Fenwick", "carer", "Cared for his wife at home in her last year", NULL,
     "george.fenwick@example.org"},
    {"Shirley O'Connor", "carer", NULL, NULL, NULL},
    {"Mohammed Iqbal", "patient", NULL, NULL, "mohammed.iqbal@example.org"},
    {"Alex Morgan", "other", "Healthwatch Northvale volunteer", NULL, "alex.morgan@example.org"},
};

void demo_write_people(demo_csv *c)
{
    demo_csv_header(c, "key,name,role,specialty,organisation,email");
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        char key[16];
        snprintf(key, sizeof key, "p-%04zu", i + 1);
        demo_csv_text(c, key);
        demo_csv_text(c, people[i].name);
        demo_csv_text(c, people[i].role);
        demo_csv_text(c, people[i].specialty);
        demo_csv_text(c, people[i].organisation);
        demo_csv_text(c, people[i].email);
        demo_csv_end_row(c);
    }
}
