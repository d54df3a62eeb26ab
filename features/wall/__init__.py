"""The live wall: /wall with its post form."""
