"""The Streamlit app: pages (one file each), the components they are built from, UI strings."""
