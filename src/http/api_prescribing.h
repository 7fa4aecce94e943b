/* api_prescribing: the prescribing routes: measures, a measure for a month, its deciles over the
 * months (JSON and the SVG chart), an organisation's measures ranked by potential saving,
 * price-per-unit savings, and the largest prescribing savings for the home page. The JSON is
 * the command line's (`unlock measure --json`) where there is one. */
#ifndef UNLOCK_HTTP_API_PRESCRIBING_H
#define UNLOCK_HTTP_API_PRESCRIBING_H

#include "http/http.h"

int api_measures(const http_request *req, http_response *resp);
int api_measure(const http_request *req, http_response *resp);
int api_measure_deciles(const http_request *req, http_response *resp);
int api_measure_deciles_svg(const http_request *req, http_response *resp);
int api_org_measures(const http_request *req, http_response *resp);
int api_ppu(const http_request *req, http_response *resp);
int api_prescribing_savings(const http_request *req, http_response *resp);

#endif
