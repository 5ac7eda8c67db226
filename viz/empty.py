"""Where to go from a plan whose tasks name no responsible body (万州's plan prints none): its
tasks and its indicators, each a query opened in the web UI (/?query=…), whose result table
links every task and indicator to its page."""
from __future__ import annotations

from urllib.parse import urlencode

ID = "https://w3id.org/plankg/id/"

TASKS = """# The tasks of {plan_id}, in printed order
SELECT ?task ?number ?title WHERE {{
  ?task a pk:Task ; pk:inPlan <{plan}> ; skos:prefLabel ?title .
  OPTIONAL {{ ?task pk:number ?number }}
}}
ORDER BY ?task"""

INDICATORS = """# The indicators {plan_id} sets baselines or targets for
SELECT ?indicator ?name (COUNT(?fact) AS ?facts) WHERE {{
  ?fact pk:inPlan <{plan}> ; pk:indicator ?indicator .
  OPTIONAL {{ ?indicator skos:prefLabel ?name FILTER(lang(?name) = "zh") }}
}}
GROUP BY ?indicator ?name
ORDER BY DESC(?facts) ?indicator"""


def plan_links(plan_id: str) -> dict[str, str]:
    """{"tasks": href, "indicators": href, "page": href} for the plan `plan_id` (wanzhou-2022)."""
    plan = f"{ID}plan/{plan_id}"
    return {"page": f"/id/plan/{plan_id}",
            "tasks": "/?" + urlencode({"query": TASKS.format(plan=plan, plan_id=plan_id)}),
            "indicators": "/?" + urlencode({"query": INDICATORS.format(plan=plan,
                                                                       plan_id=plan_id)})}
