"""Reports for officers: loading responses, charts, chart packs and exports."""
