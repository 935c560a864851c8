"""Knowledge the code sources look up, as data: AI SDK symbols, agent frameworks and MCP declarations
(`ai_sdks`), and which packages are generative AI libraries (`genai`). Adding an SDK is adding a row."""
