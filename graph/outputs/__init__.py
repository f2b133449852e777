"""What a build writes for people and other tools: Turtle, JSON-LD, N-Triples, GraphML, the
networkx projection, the HTML view and its layout, the notebook's pyvis network."""
