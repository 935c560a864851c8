"""Agent definitions the code provider reads: Microsoft Foundry agents (`foundry`) and Copilot Studio
solution exports (`copilot_studio`, with `solution_export`, `copilot_components`, `power_platform`),
and what they share (`common`, `openapi`). Definitions are read as written, never deployed or called."""
