#include "domain/unit_cost.h"

/* One cost per indicator whose numerator counts a costed event. Emergency admissions per
 * 1,000 patients (EMADM) is left unpriced on purpose: admissions in the last 90 days of life
 * (EOL-ADM90) are among them, and pricing both would count those admissions twice. */
static const char csv[] =
    "code,activity,unit,gbp,indicator,source\n"
    "OP-FU,Outpatient follow-up attendance,attendance,125,OP-FUR,"
    "\"Illustrative, of the order of the National Cost Collection outpatient follow-up "
    "cost\"\n"
    "OP-DNA-SLOT,Outpatient appointment not attended,appointment,120,OP-DNA,"
    "\"Illustrative: a booked outpatient slot left unused\"\n"
    "GP-DNA-SLOT,GP appointment not attended,appointment,30,GP-DNA,"
    "\"Illustrative, of the order of NHS England's estimate of a missed GP appointment\"\n"
    "NEL-EOL,Emergency admission in the last 90 days of life,admission,3500,EOL-ADM90,"
    "\"Illustrative: a non-elective spell, longer than average near the end of life\"\n"
    "FALL-INPT,Inpatient fall,fall,2600,FALLS,"
    "\"Illustrative: extra bed days and treatment after an inpatient fall\"\n"
    "DTOC-PT,Patient not discharged on the day they no longer met the criteria to reside,"
    "patient,900,DISCH-CTR,\"Illustrative: about two extra bed days at 450 pounds\"\n"
    "EBI-PROC,Procedure of low clinical value done outside the criteria,procedure,1400,LVP,"
    "\"Illustrative, of the order of a day-case elective procedure\"\n";

const char *unit_cost_demo_csv(void)
{
    return csv;
}
