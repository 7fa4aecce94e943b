#include "domain/demo_programme.h"

#include "domain/demo_internal.h"
#include "domain/entity.h"
#include "domain/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char programmes[] =
    "code,name,pathway,vision,lead,status,public_description\n"
    "EOL-2027,Living and dying well in Northvale,end_of_life,\"By March 2027, 90% of people die "
    "where they choose, cared for by services that know their wishes, with their carers "
    "supported before and after.\",p-0001,active,\"Six events with over a hundred local people "
    "and organisations shaped this programme. It is led by the clinicians who give the care.\"\n";

static const char events[] =
    "code,programme,date,place,kind,patients,carers,staff,organisations,minutes,priorities_agreed\n"
    "EV-1,EOL-2027,2024-05-14,St Aidan's Hospice day centre,patient_carer,9,14,3,4,\"People told "
    "their stories of the last year of life; crises at night came up in every group.\",\n"
    "EV-2,EOL-2027,2024-06-11,Calderbridge Community Hospital,staff,0,0,31,7,\"District nurses, "
    "GPs, ward and hospice staff mapped where plans get lost.\",\n"
    "EV-3,EOL-2027,2024-07-09,Northvale Civic Centre,joint,6,11,18,12,\"Patients, carers and "
    "staff together chose what to fix first.\",\"PR-1; PR-2; PR-3\"\n"
    "EV-4,EOL-2027,2024-09-17,St Aidan's Hospice,co_design_group,3,4,7,5,\"Designed the shared "
    "plan and the 24/7 number with the people who will use them.\",PR-1; PR-2\n"
    "EV-5,EOL-2027,2024-11-12,Fellside Medical Group,co_design_group,2,5,6,4,\"Carers designed "
    "the support offer for the last weeks and for bereavement.\",PR-3\n"
    "EV-6,EOL-2027,2025-03-25,Northvale Civic Centre,celebration,5,9,16,15,\"A year on: the "
    "pledges made and kept, and what is still to do.\",\n";

static const char attendees[] =
    "event,person,organisation\n"
    "EV-1,p-0013,\nEV-1,p-0027,\nEV-1,p-0037,\nEV-1,p-0038,\nEV-1,,NNV01\nEV-1,,NNV03\n"
    "EV-2,p-0016,\nEV-2,p-0017,\nEV-2,p-0022,\nEV-2,p-0001,\nEV-2,,RNC\nEV-2,,RNV\n"
    "EV-3,p-0001,\nEV-3,p-0007,\nEV-3,p-0013,\nEV-3,p-0016,\nEV-3,p-0018,\nEV-3,p-0035,\n"
    "EV-3,p-0037,\nEV-3,,RNC\nEV-3,,RNV\nEV-3,,NNV01\nEV-3,,NNV02\nEV-3,,NNV03\nEV-3,,E08000991\n"
    "EV-4,p-0016,\nEV-4,p-0017,\nEV-4,p-0027,\nEV-4,p-0036,\n"
    "EV-5,p-0022,\nEV-5,p-0037,\nEV-5,p-0038,\n"
    "EV-6,p-0030,\nEV-6,p-0031,\nEV-6,p-0033,\nEV-6,p-0013,\n";

static const char priorities[] =
    "code,programme,title,horizon,description\n"
    "PR-1,EOL-2027,Every person's wishes known to every service 24/7,short_term,\"An EPaCCS "
    "plan for everyone on a palliative care register, readable by the ambulance service, the "
    "hospital and out of hours.\"\n"
    "PR-2,EOL-2027,One number to call day and night,short_term,\"A single point of access for "
    "patients, carers and professionals, answered by people who can act.\"\n"
    "PR-3,EOL-2027,Carers supported in the last weeks and after,short_term,\"Carers identified, "
    "offered respite and practical help, and contacted after a death.\"\n"
    "PR-L,EOL-2027,90% of people die where they choose,long_term,\"The three-year goal the "
    "short-term priorities serve.\"\n";

static const char workstreams[] =
    "code,programme,name,lead,priority,aim\n"
    "WS-1,EOL-2027,Shared plans (EPaCCS and advance care planning),p-0016,PR-1,\"Every plan "
    "shared, every time.\"\n"
    "WS-2,EOL-2027,24/7 single point of access,p-0017,PR-2,\"One call gets help within the "
    "hour.\"\n"
    "WS-3,EOL-2027,Carers and bereavement,p-0022,PR-3,\"No carer unsupported.\"\n"
    "WS-4,EOL-2027,Leaving hospital in the last weeks of life,p-0018,PR-L,\"Fast, safe "
    "discharge to the place people choose.\"\n"
    "WS-5,EOL-2027,Care homes,p-0024,PR-L,\"Residents die in their home, not in an ambulance.\"\n";

static const char champions[] = "person,programme,workstream,coaching\n"
                                "p-0022,EOL-2027,WS-3,coaching_others\n"
                                "p-0024,EOL-2027,WS-5,coached\n"
                                "p-0027,EOL-2027,WS-1,coaching_others\n"
                                "p-0017,EOL-2027,WS-2,coached\n"
                                "p-0013,EOL-2027,,in_coaching\n"
                                "p-0037,EOL-2027,WS-3,in_coaching\n"
                                "p-0038,EOL-2027,WS-3,not_started\n"
                                "p-0002,EOL-2027,WS-1,in_coaching\n";

/* Three goals: one ahead of its path, one on it, one behind. */
static const char goals[] =
    "code,programme,name,indicator,organisation,service,baseline,baseline_period,target,"
    "target_period\n"
    "G-PPD,EOL-2027,90% of people die where they choose,EOL-PPD,,SVC-EOL-EPACCS,64,2024-04,90,"
    "2027-03\n"
    "G-ADM90,EOL-2027,Fewer emergency admissions in the last 90 days of life,EOL-ADM90,QNV,,980,"
    "2024-04,650,2027-03\n"
    "G-IPU-LOS,EOL-2027,Hospice stays no longer than people need,IPU-LOS,,SVC-EOL-IPU,12.5,"
    "2024-04,8,2026-06\n";

static const char projects[] =
    "code,programme,workstream,name,aim,indicator,organisation,service,pathway,senior_sponsor,"
    "clinical_lead,improvement_lead,specialties,start,progress_score\n"
    "P-EPACCS,EOL-2027,WS-1,Shared plans for everyone on a palliative care register,\"Raise "
    "deaths in the preferred place from 64% to 90% by March 2027.\",EOL-PPD,,SVC-EOL-EPACCS,"
    "end_of_life,p-0031,p-0016,p-0027,palliative medicine; general practice; district nursing,"
    "2024-06-01,4\n"
    "P-SPA,EOL-2027,WS-2,One number day and night,\"Every call answered by someone who can "
    "act, within the hour.\",,,SVC-EOL-SPCT,end_of_life,p-0030,p-0017,,palliative care nursing,"
    "2024-10-01,2\n"
    "P-DISCHARGE,EOL-2027,WS-4,Home from hospital in the last weeks,\"Halve the wait to leave "
    "hospital for people in their last weeks.\",,,SVC-EOL-HSPC,end_of_life,,p-0018,p-0028,"
    "geriatric medicine; acute medicine,2025-01-06,1.5\n"
    "P-CAREHOMES,EOL-2027,WS-5,Care home residents die at home,\"Fewer residents conveyed to "
    "hospital in their last days.\",,,,end_of_life,p-0031,,p-0026,general practice,2025-04-01,"
    "1\n";

static const char pdsa[] =
    "project,cycle,title,plan,do,study,act,start,end,change_period,rebase\n"
    "P-EPACCS,1,Plans for one PCN's register,\"Offer a shared plan to everyone on Ravensholme "
    "Central's register.\",Offered at annual reviews,\"62% accepted; the ambulance service "
    "could not read them.\",Adapt: fix read access first,2024-06-03,2024-07-26,,0\n"
    "P-EPACCS,2,Ambulance and out-of-hours read access,Give read access,Access live,\"Crews "
    "used plans in 41 of 50 calls.\",Adopt,2024-08-05,2024-09-27,,0\n"
    "P-EPACCS,3,24/7 coordination centre,\"Open the centre round the clock.\",Opened 1 "
    "October,\"Deaths in the preferred place rose at once and stayed up.\",\"Adopt; spread to "
    "every PCN\",2024-10-01,2025-01-31,2024-10,1\n"
    "P-SPA,1,Evening cover,Nurse-led line 18:00-22:00,Ran for six weeks,Too early to "
    "tell,Adapt,2025-02-03,2025-03-14,,0\n";

static const char stories[] =
    "code,programme,pathway,teller,consent,organisation,told_on,title,text,moderated_text,"
    "moderation,moderated_by,response,change\n"
    "ST-1,EOL-2027,end_of_life,carer,public,RNC,2024-05-14,The night nobody knew her "
    "wishes,\"When Mum got worse at 2am, the out-of-hours doctor, Dr Grant, had no idea she "
    "wanted to stay at Elm Cottage. She went to hospital and died there.\",\"When my mother got "
    "worse in the night, the out-of-hours doctor had no idea she wanted to stay at home. She "
    "went to hospital and died there.\",approved,Margaret Ellison,\"We have given every "
    "out-of-hours clinician read access to shared plans.\",made\n"
    "ST-2,EOL-2027,end_of_life,patient,public,NNV01,2024-05-14,Being asked what "
    "mattered,\"Nurse Jo at the hospice asked me what mattered, and then it happened.\",\"A "
    "hospice nurse asked me what mattered to me, and then it happened.\",approved,Margaret "
    "Ellison,,none\n"
    "ST-3,EOL-2027,end_of_life,carer,internal,RNV,2024-06-11,Waiting to go home,\"Dad waited "
    "nine days on ward 12 for a care package and died before it came.\",\"My father waited "
    "nine days on a ward for a care package and died before it came.\",approved,Margaret "
    "Ellison,\"A discharge project has started.\",planned\n"
    "ST-4,EOL-2027,end_of_life,staff,internal,RNC,2024-06-11,Plans in three systems,\"As a "
    "district nurse I re-type the same plan into three systems.\",\"A district nurse re-types "
    "the same plan into three systems.\",approved,Daniel Osei,,none\n"
    "ST-5,EOL-2027,end_of_life,carer,none,RNV,2024-07-09,After he died,\"Nobody rang me after "
    "Frank died. I found out about bereavement support from a neighbour.\",,pending,,,none\n"
    "ST-6,EOL-2027,end_of_life,patient,none,NNV01,2024-07-09,Too many people,\"Eleven "
    "different people came to the house in one week.\",,pending,,,none\n"
    "ST-7,EOL-2027,end_of_life,carer,public,NNV03,2024-09-17,A number that "
    "answered,\"Calling the new number at 3am, a nurse came within the hour.\",\"Calling the "
    "new number in the night, a nurse came within the hour.\",approved,Margaret Ellison,,made\n"
    "ST-8,EOL-2027,end_of_life,patient,public,RNC,2024-11-12,Still waiting for "
    "moderation,\"Dr Shah at Riverside was wonderful.\",,pending,,,none\n";

/* Stages: diagnosis, planning, crisis, last_days, bereavement. */
static const char touchpoints[] =
    "story,n,stage,emotion,valence\n"
    "ST-1,1,diagnosis,shocked,-1\nST-1,2,planning,reassured,1\nST-1,3,crisis,abandoned,-2\n"
    "ST-1,4,last_days,helpless,-2\n"
    "ST-2,1,diagnosis,frightened,-1\nST-2,2,planning,listened to,2\nST-2,3,last_days,at "
    "peace,2\n"
    "ST-3,1,planning,hopeful,1\nST-3,2,crisis,frustrated,-1\nST-3,3,last_days,angry,-2\n"
    "ST-4,1,planning,frustrated,-1\nST-4,2,crisis,frustrated,-1\n"
    "ST-5,1,last_days,exhausted,-1\nST-5,2,bereavement,forgotten,-2\n"
    "ST-6,1,planning,overwhelmed,-1\nST-6,2,crisis,confused,-1\n"
    "ST-7,1,crisis,relieved,2\nST-7,2,last_days,supported,1\nST-7,3,bereavement,cared for,1\n"
    "ST-8,1,diagnosis,grateful,2\n";

/* The friends and family question as agreed with the acute trust's patient panel. */
static const char measures[] =
    "indicator,agreed_with,agreed_by,agreed_on,items,scoring\n"
    "FFT-POS,RNV,p-0032,2024-06-11,\"Overall, how was your experience of our service?; What "
    "was good?; What could we do better?\",fft_positive\n";

static const char sessions[] =
    "code,date,theme,theory,exercise\n"
    "LS-1,2024-04-18,Unlocking trapped resources,\"Resources trapped in buildings, services "
    "and processes; data as a vehicle for discussion.\",\"Each member brings one service whose "
    "design has not evolved.\"\n"
    "LS-2,2024-07-18,Conversations across boundaries,\"Allowing ways forward to emerge rather "
    "than arriving with solutions.\",\"Role-play a first conversation with a consultant about "
    "a funnel plot outlier.\"\n"
    "LS-3,2024-10-17,The three things improvement needs,\"Senior support, clinical leadership "
    "and improvement capability.\",\"Score your own project's readiness.\"\n";

static const char members[] =
    "person,role,joined\n"
    "p-0026,facilitator,2024-04-18\np-0001,member,2024-04-18\np-0002,member,2024-04-18\n"
    "p-0003,member,2024-04-18\np-0007,member,2024-04-18\np-0013,member,2024-04-18\n"
    "p-0010,member,2024-07-18\n";

/* Forty pledges: every practice promises shared plans for its register, and the providers
 * and partners promise their parts. The status pattern is fixed so tests can count it. */
static void write_pledges(demo_csv *c)
{
    static const struct {
        const char *org, *pledge;
    } partners[] = {
        {"RNC", "Give every district nurse read and write access to shared plans."},
        {"RNV", "Check for a shared plan before every admission in the last year of life."},
        {"RNM", "Offer advance care planning to people with severe mental illness."},
        {"NNV01", "Run the 24/7 coordination centre."},
        {"NNV02", "Train every care home on the register in anticipatory care."},
        {"NNV03", "Contact every bereaved carer within two weeks."},
        {"E08000991", "Fast-track care packages for people in their last weeks."},
        {"QNV", "Publish the programme's progress every quarter."},
        {"RNC", "Answer the single number round the clock."},
        {"RNV", "Discharge people in their last weeks within 48 hours of being ready."},
    };
    demo_csv_header(c, "code,programme,organisation,pledge,made_on,due,status,evidence");
    for (int i = 0; i < 40; i++) {
        char code[16];
        snprintf(code, sizeof code, "PL-%02d", i + 1);
        const char *org = i < DEMO_PRACTICE_COUNT ? demo_practices[i].code
                                                  : partners[i - DEMO_PRACTICE_COUNT].org;
        const char *text = i < DEMO_PRACTICE_COUNT
                               ? "Offer a shared plan to everyone on our palliative care register."
                               : partners[i - DEMO_PRACTICE_COUNT].pledge;
        /* 14 delivered, 13 in progress, 10 made, 3 lapsed. */
        const char *status = i % 3 == 0 ? "delivered" : i % 3 == 1 ? "in_progress" : "made";
        if (i == 35 || i == 38 || i == 26)
            status = "lapsed";
        demo_csv_text(c, code);
        demo_csv_text(c, "EOL-2027");
        demo_csv_text(c, org);
        demo_csv_text(c, text);
        demo_csv_text(c, i < 20 ? "2024-07-09" : "2025-03-25");
        demo_csv_text(c, i < 20 ? "2025-03-31" : "2026-03-31");
        demo_csv_text(c, status);
        demo_csv_text(c, strcmp(status, "delivered") == 0 ? "Seen at the quarterly review" : NULL);
        demo_csv_end_row(c);
    }
}

static int load(db *d, const char *kind, const char *csv, size_t len, long *rows, err *e)
{
    const entity_def *def = entity_find(kind);
    if (!def)
        return err_internal(e, "the demo programme has unknown kind %s", kind);
    char name[64];
    snprintf(name, sizeof name, "demo:%s.csv", kind);
    import_stats st;
    if (import_buffer(d, def, name, csv, len, "demo", &st, e))
        return -1;
    *rows += st.rows;
    return 0;
}

int demo_load_programme(db *d, long *rows, err *e)
{
    static const struct {
        const char *kind, *csv;
    } files[] = {
        {"programmes", programmes},
        {"events", events},
        {"attendees", attendees},
        {"priorities", priorities},
        {"pledges", NULL},
        {"workstreams", workstreams},
        {"champions", champions},
        {"goals", goals},
        {"projects", projects},
        {"pdsa-cycles", pdsa},
        {"stories", stories},
        {"touchpoints", touchpoints},
        {"experience-measures", measures},
        {"learning-sessions", sessions},
        {"learning-members", members},
    };
    *rows = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        int rc;
        if (files[i].csv) {
            rc = load(d, files[i].kind, files[i].csv, strlen(files[i].csv), rows, e);
        } else {
            demo_csv c;
            demo_csv_init(&c);
            write_pledges(&c);
            demo_file f;
            demo_csv_finish(&c, &f, files[i].kind);
            rc = load(d, files[i].kind, f.csv, f.len, rows, e);
            free(f.csv);
        }
        if (rc)
            return -1;
    }
    return 0;
}
