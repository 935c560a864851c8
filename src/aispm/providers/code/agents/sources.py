"""The agent-definition sources, named together: `FoundryAgentSource` (`agents.foundry`) and
`CopilotStudioSource` (`agents.copilot_studio`).

Each platform has its own module; this one only gathers their public names for code that imports
both sources from one place (`--framework agents` selects the two). It holds no logic.
"""

from __future__ import annotations

from aispm.providers.code.agents.copilot_studio import CopilotStudioSource
from aispm.providers.code.agents.foundry import FoundryAgentSource

__all__ = ["CopilotStudioSource", "FoundryAgentSource"]
