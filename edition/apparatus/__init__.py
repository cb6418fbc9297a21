"""apparatus"""
