"""Contributions of every kind (wall posts, comments, proposals): posting, support, flags."""
