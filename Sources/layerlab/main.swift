print("layerlab")
