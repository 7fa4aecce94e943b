/* demo_programme: the demo's end-of-life programme, modelled on the worked example of
 * experience-led commissioning: six co-design events with over a hundred people, forty
 * pledges, three short-term priorities on a three-year path to "90% of people die where they
 * choose", five work streams led by provider clinicians, change champions, stories with
 * touchpoints, goals, and projects with and without all three things improvement needs. */
#ifndef UNLOCK_DOMAIN_DEMO_PROGRAMME_H
#define UNLOCK_DOMAIN_DEMO_PROGRAMME_H

#include "db/db.h"

/* Imports the programme's files in load order through the normal importer (the demo
 * system must be loaded first); *rows gets the number of rows. */
int demo_load_programme(db *d, long *rows, err *e);

#endif
